/**
 * @internal Sorts `items` in place, keeping equal items in order. Compiling sorts thousands of short lists (a rule's
 * conditions and sub-rules, a split's variants), and `Array#sort` allocates a sort state on every call; short lists
 * get an insertion sort instead. Long ones, whose quadratic time would show, still get `Array#sort`, which is stable.
 */
export function stableSort<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  if (items.length > 16) return items.sort(compare)
  for (let i = 1; i < items.length; i++) {
    const item = items[i]!
    let j = i - 1
    for (; j >= 0 && compare(items[j]!, item) > 0; j--) items[j + 1] = items[j]!
    items[j + 1] = item
  }
  return items
}
