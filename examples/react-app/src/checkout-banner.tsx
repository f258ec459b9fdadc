import { useFlag } from '@vexil/react'

/** The promotion of `checkout_banner`, a multivariate flag: each shopper sees the variant bucketed for them. */
export function CheckoutBanner() {
  const { enabled, value } = useFlag('checkout_banner')
  if (!enabled || typeof value !== 'string' || value === '') return null
  return (
    <div className="promo" data-testid="checkout-banner">
      <span className="promo-icon" aria-hidden="true">
        ★
      </span>
      {value}
    </div>
  )
}
