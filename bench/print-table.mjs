/** Prints rows (arrays of cells; the first is the header) under a title as a text table, right-aligning all but the first column. */
export function printTable(title, rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => String(row[column]).length)))
  const line = (row) =>
    row
      .map((cell, column) =>
        column === 0 ? String(cell).padEnd(widths[column]) : String(cell).padStart(widths[column]),
      )
      .join('  ')
  console.log(`\n${title}`)
  console.log(line(rows[0]))
  console.log(widths.map((width) => '-'.repeat(width)).join('  '))
  for (const row of rows.slice(1)) console.log(line(row))
}

/** Formats a number for a table: thousands separators, and one decimal below 100. */
export function formatNumber(value) {
  if (!Number.isFinite(value)) return String(value)
  return value.toLocaleString('en-GB', { maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 1 })
}
