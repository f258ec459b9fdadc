import type { CompiledDocument } from './compile-document-text'
import { ServedDocument } from './served-document'

/** Called with every newly installed version. */
export type EnvironmentListener = (served: ServedDocument) => void

/**
 * Holds the version of the environment being served and tells listeners (the realtime stream) when it changes.
 * Installing never fails: sources validate before they install.
 */
export class EnvironmentState {
  #current: ServedDocument | undefined
  #listeners = new Set<EnvironmentListener>()
  #now: () => number

  constructor(options: { now: () => number }) {
    this.#now = options.now
  }

  /** The version being served, or `undefined` before the first document arrived. */
  get current(): ServedDocument | undefined {
    return this.#current
  }

  /**
   * Serves `document` from now on and notifies listeners. `documentJson` is the text it was compiled from, served as
   * is by `environment-document/`: the compiled environment does not keep its document.
   */
  install(document: CompiledDocument, documentJson: string): ServedDocument {
    const { environment, featureTypes } = document
    const previous = this.#current
    const loadedAt = this.#now()
    // Realtime clients refetch only on a strictly newer `updated_at`, so a document whose own timestamp did not move
    // (hand-edited files rarely touch it) still gets a larger one; at least the current time, because clients remember
    // timestamps invented by an earlier run of the proxy, which started again from the document's own.
    const candidate = environment.updatedAt ?? loadedAt / 1000
    const updatedAt =
      previous && candidate <= previous.updatedAt ? Math.max(previous.updatedAt + 0.001, loadedAt / 1000) : candidate
    const served = new ServedDocument({
      environment,
      featureTypes,
      version: (previous?.version ?? 0) + 1,
      updatedAt,
      loadedAt,
      documentJson,
    })
    this.#current = served
    for (const listener of this.#listeners) listener(served)
    return served
  }

  /** Registers a listener for new versions; returns the function that removes it. */
  subscribe(listener: EnvironmentListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }
}
