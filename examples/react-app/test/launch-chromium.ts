import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'

/** Debian's Chromium (`apt-get install chromium`), which playwright-core drives without downloading a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium'

/** Whether {@link CHROMIUM_PATH} is installed. */
export function hasChromium(): boolean {
  return existsSync(CHROMIUM_PATH)
}

/**
 * Starts headless Chromium for a test. Rejects when the browser is missing or fails to start.
 *
 * `--no-sandbox` because CI runs as root in a container. The other flags keep the browser off the internet: test
 * machines have none, and Chromium's background services (component updates, sync, QUIC probes) would otherwise
 * retry and slow every page.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}
