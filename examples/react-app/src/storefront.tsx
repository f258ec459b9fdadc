import { useFlag, useFlagValue } from '@vexil/react'

const CATALOGUE_SIZE = 240

const PRODUCTS = [
  { sku: 'RS-01', name: 'Rocket skates', price: 129, stock: 14 },
  { sku: 'GM-02', name: 'Giant magnet', price: 89, stock: 3 },
  { sku: 'PH-03', name: 'Portable hole', price: 49, stock: 27 },
  { sku: 'EP-04', name: 'Earthquake pills', price: 12, stock: 120 },
  { sku: 'BS-05', name: 'Bird seed, 10 kg', price: 19, stock: 64 },
  { sku: 'AN-06', name: 'Anvil, classic', price: 240, stock: 8 },
]

const KPIS = [
  { label: 'Revenue today', value: '$18,240', trend: '+12%' },
  { label: 'Orders', value: '312', trend: '+4%' },
  { label: 'Conversion', value: '3.8%', trend: '+0.3 pt' },
]

function ExportButton() {
  const { enabled } = useFlag('pro_export_feature')
  return (
    <button type="button" className="button button-secondary" disabled={!enabled} data-testid="export-button">
      {enabled ? 'Export CSV' : 'Export CSV · Pro'}
    </button>
  )
}

/**
 * The catalogue: `new_dashboard` switches between the card layout and the classic table, `items_per_page` sets the
 * page size and `pro_export_feature` unlocks the export.
 */
export function Storefront() {
  const { enabled: isNewDashboard } = useFlag('new_dashboard')
  const itemsPerPage = useFlagValue('items_per_page', 25)
  const pageSize = itemsPerPage > 0 ? itemsPerPage : 25
  return (
    <section className="card">
      <div className="card-head">
        <div>
          <h1 className="title">Dashboard</h1>
          <span className={isNewDashboard ? 'badge badge-new' : 'badge'} data-testid="dashboard-variant">
            {isNewDashboard ? 'New dashboard (beta)' : 'Classic dashboard'}
          </span>
        </div>
        <ExportButton />
      </div>
      {isNewDashboard && (
        <div className="kpis">
          {KPIS.map((kpi) => (
            <div className="kpi" key={kpi.label}>
              <span className="kpi-label">{kpi.label}</span>
              <span className="kpi-value">{kpi.value}</span>
              <span className="kpi-trend">{kpi.trend}</span>
            </div>
          ))}
        </div>
      )}
      <p className="muted">
        Showing 1–{Math.min(pageSize, CATALOGUE_SIZE)} of {CATALOGUE_SIZE} products ·{' '}
        <strong data-testid="items-per-page">{pageSize}</strong> per page
      </p>
      {isNewDashboard ? (
        <div className="products">
          {PRODUCTS.map((product) => (
            <div className="product" key={product.sku}>
              <div className="product-art" aria-hidden="true">
                {product.name.slice(0, 1)}
              </div>
              <span className="product-name">{product.name}</span>
              <span className="muted">
                ${product.price} · {product.stock} in stock
              </span>
            </div>
          ))}
        </div>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>SKU</th>
              <th>Product</th>
              <th>Price</th>
              <th>Stock</th>
            </tr>
          </thead>
          <tbody>
            {PRODUCTS.map((product) => (
              <tr key={product.sku}>
                <td className="mono">{product.sku}</td>
                <td>{product.name}</td>
                <td>${product.price}</td>
                <td>{product.stock}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
