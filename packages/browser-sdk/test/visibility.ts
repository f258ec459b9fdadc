import { afterEach } from 'vitest'

let isHidden = false
Object.defineProperty(document, 'hidden', { configurable: true, get: () => isHidden })

afterEach(() => {
  isHidden = false
})

/** Hides or shows the page as a browser does when the tab changes, firing `visibilitychange`. */
export function setPageHidden(hidden: boolean): void {
  isHidden = hidden
  document.dispatchEvent(new Event('visibilitychange'))
}
