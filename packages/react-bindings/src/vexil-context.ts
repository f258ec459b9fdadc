import type { VexilClient } from '@vexil/browser-sdk'
import { createContext } from 'react'

/** @internal The client of the nearest {@link VexilProvider}. Holds no state: each provider passes its own. */
export const VexilContext = createContext<VexilClient | null>(null)
