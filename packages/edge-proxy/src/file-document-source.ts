import { type FSWatcher, watch } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { basename, dirname, resolve } from 'node:path'
import { VexilError } from '@vexil/core-engine'
import { compileDocumentText } from './compile-document-text'
import type { DocumentSource, DocumentSourceStatus, InstallEnvironment } from './document-source'
import type { EdgeProxyLogger } from './edge-proxy-logger'

/** Options of {@link createFileDocumentSource}. */
export interface FileDocumentSourceOptions {
  path: string
  install: InstallEnvironment
  logger: EdgeProxyLogger
  /** Quiet time after the last change event before the file is read. */
  debounceMs: number
  /**
   * How long to wait before reading again a file that was unreadable or invalid right after a change event, before
   * reporting it: editors may still be writing. @defaultValue the larger of 100 ms and `debounceMs`
   */
  confirmDelayMs?: number
  /** How often the file's size and mtime are compared, in case change events are lost. */
  pollIntervalMs: number
}

/**
 * Serves an environment document file and follows its changes. The directory is watched rather than the file:
 * editors and `mv`-style atomic writes replace the file, which ends a watch on the old inode. A stat poll backs the
 * watcher up on file systems without change events (network mounts, some containers).
 */
export function createFileDocumentSource(options: FileDocumentSourceOptions): DocumentSource {
  const path = resolve(options.path)
  const { install, logger, debounceMs, pollIntervalMs } = options
  const confirmDelayMs = options.confirmDelayMs ?? Math.max(100, debounceMs)
  let lastText: string | undefined
  let servedText: string | undefined
  let lastStat = ''
  let lastError: string | undefined
  let lastSuccessAt: number | undefined
  let isReadErrorLogged = false
  let watcher: FSWatcher | undefined
  let pollTimer: NodeJS.Timeout | undefined
  let debounceTimer: NodeJS.Timeout | undefined
  let queue: Promise<void> = Promise.resolve()
  let isClosed = false

  // `isConfirmed` false: a half-written file looks invalid, so an invalid read is retried once after the debounce
  // and reported only if the content is still the same.
  const check = async (isConfirmed: boolean): Promise<void> => {
    if (isClosed) return
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (cause) {
      lastError = `cannot read ${path}: ${cause instanceof Error ? cause.message : String(cause)}`
      // An editor's replace leaves the name missing for a moment; the next event or poll will see the new file.
      if (!isReadErrorLogged && isConfirmed) {
        isReadErrorLogged = true
        logger.warn(`${lastError}; still serving the previous document`)
      } else if (!isConfirmed) {
        schedule(true)
      }
      return
    }
    isReadErrorLogged = false
    if (text === lastText) return
    if (text === servedText) {
      // Reverted to what is served after a rejected edit: healthy again, nothing new to announce.
      lastText = text
      lastError = undefined
      return
    }
    const compiled = compileDocumentText(text)
    if (!compiled.ok) {
      if (!isConfirmed) {
        schedule(true)
        return
      }
      lastText = text
      lastError = `rejected ${path}: ${compiled.error.message}`
      logger.warn(`Rejected document ${path}: ${compiled.error.message}; still serving the previous document`)
      return
    }
    lastText = text
    servedText = text
    lastError = undefined
    lastSuccessAt = Date.now()
    install(compiled.value, text)
    logger.info(`Serving ${path} (${compiled.value.environment.featureNames.length} features)`)
  }

  const enqueue = (isConfirmed: boolean): Promise<void> => {
    queue = queue.then(() => check(isConfirmed)).catch((cause) => logger.error(`Reading ${path} failed`, cause))
    return queue
  }

  function schedule(isConfirmed = false): void {
    if (isClosed) return
    clearTimeout(debounceTimer)
    debounceTimer = setTimeout(() => void enqueue(isConfirmed), isConfirmed ? confirmDelayMs : debounceMs)
    debounceTimer.unref()
  }

  const pollStat = async (): Promise<void> => {
    try {
      const info = await stat(path)
      const signature = `${info.ino}:${info.size}:${info.mtimeMs}`
      if (signature !== lastStat) {
        lastStat = signature
        schedule()
      }
    } catch {
      if (lastStat !== '') {
        lastStat = ''
        schedule()
      }
    }
  }

  return {
    async start() {
      let text: string
      try {
        text = await readFile(path, 'utf8')
      } catch (cause) {
        throw new VexilError('INVALID_OPTIONS', `Cannot read the environment document ${path}`, { cause })
      }
      const compiled = compileDocumentText(text)
      if (!compiled.ok) {
        throw new VexilError('INVALID_DOCUMENT', `${path}: ${compiled.error.message}`, { cause: compiled.error })
      }
      lastText = text
      servedText = text
      lastSuccessAt = Date.now()
      install(compiled.value, text)
      await pollStat()
      try {
        watcher = watch(dirname(path), { persistent: false }, (_event, filename) => {
          // Some platforms omit the name; then any change in the directory may be ours.
          if (filename === null || filename === basename(path)) schedule()
        })
        watcher.on('error', (cause) => {
          logger.warn(`Watching ${path} failed (${cause.message}); falling back to polling every ${pollIntervalMs} ms`)
          watcher?.close()
          watcher = undefined
        })
      } catch (cause) {
        logger.warn(`Cannot watch ${path} (${String(cause)}); polling every ${pollIntervalMs} ms`)
      }
      pollTimer = setInterval(() => void pollStat(), pollIntervalMs)
      pollTimer.unref()
    },
    refresh: () => enqueue(true),
    status(): DocumentSourceStatus {
      return {
        kind: 'file',
        origin: path,
        isHealthy: lastError === undefined,
        ...(lastError === undefined ? {} : { lastError }),
        ...(lastSuccessAt === undefined ? {} : { lastSuccessAt }),
      }
    },
    async close() {
      isClosed = true
      clearTimeout(debounceTimer)
      clearInterval(pollTimer)
      watcher?.close()
      watcher = undefined
      await queue
    },
  }
}
