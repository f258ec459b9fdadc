import { useFlag } from '@vexil/react'

/** A site-wide notice while `maintenance_mode` is on; its value is the message. Renders nothing otherwise. */
export function MaintenanceBanner() {
  const { enabled, value } = useFlag('maintenance_mode')
  if (!enabled) return null
  return (
    <div className="maintenance" role="alert" data-testid="maintenance-banner">
      <strong>Maintenance</strong> {typeof value === 'string' ? value : 'We are working on the store.'}
    </div>
  )
}
