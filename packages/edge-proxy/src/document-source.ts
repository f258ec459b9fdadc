import type { CompiledDocument } from './compile-document-text'

/** How a source is doing, as `/health` reports it. */
export interface DocumentSourceStatus {
  kind: 'file' | 'upstream'
  /** The file path or the upstream API URL. */
  origin: string
  /** Whether the last attempt to read the source gave a document that is now served (or an unchanged one). */
  isHealthy: boolean
  /** Why the last attempt failed, when it did. */
  lastError?: string
  /** When the source last produced a valid document, epoch ms. */
  lastSuccessAt?: number
}

/** Receives every new valid document from a source, with the JSON text it was compiled from. */
export type InstallEnvironment = (document: CompiledDocument, documentJson: string) => void

/**
 * Where the proxy's environment document comes from. A source validates what it reads and installs only valid
 * documents; a failure is logged and leaves the served document as it was.
 */
export interface DocumentSource {
  /**
   * Loads the first document. A file source rejects when the file is missing or invalid (a configuration error); an
   * upstream source resolves after its first attempt either way and keeps polling.
   */
  start(): Promise<void>
  /** Reads the source now; resolves when that read has been installed or rejected. Never rejects. */
  refresh(): Promise<void>
  status(): DocumentSourceStatus
  /** Stops watching or polling. Idempotent. */
  close(): Promise<void>
}
