import { describe, expect, it } from 'vitest'
import { parseCliArgs } from '../src/parse-cli-args'

describe('parseCliArgs', () => {
  it('reads a document source with defaults for port and host', () => {
    expect(parseCliArgs(['--document', 'env.json'])).toEqual({
      kind: 'run',
      options: { document: 'env.json', serverKeys: [], port: 8000 },
    })
  })

  it('reads an upstream source with repeated server keys, port 0, host and refresh interval', () => {
    const command = parseCliArgs([
      '--upstream',
      'https://edge.api.flagsmith.com/api/v1/',
      '--server-key',
      'ser.one',
      '--server-key',
      'ser.two',
      '--port',
      '0',
      '--host',
      '0.0.0.0',
      '--refresh-interval',
      '2.5',
    ])
    expect(command).toEqual({
      kind: 'run',
      options: {
        serverKeys: ['ser.one', 'ser.two'],
        port: 0,
        host: '0.0.0.0',
        upstream: {
          apiUrl: 'https://edge.api.flagsmith.com/api/v1/',
          serverKey: 'ser.one',
          refreshIntervalSeconds: 2.5,
        },
      },
    })
  })

  it('answers help and version', () => {
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' })
    expect(parseCliArgs(['-h'])).toEqual({ kind: 'help' })
    expect(parseCliArgs(['-v'])).toEqual({ kind: 'version' })
  })

  it.each([
    [[], /exactly one/],
    [['--document', 'a.json', '--upstream', 'http://x/'], /exactly one/],
    [['--upstream', 'http://x/'], /--server-key/],
    [['--document', 'a.json', '--port', 'eighty'], /--port got "eighty"/],
    [['--document', 'a.json', '--port', '70000'], /--port/],
    [['--document', 'a.json', '--port', ''], /--port/],
    [['--document', 'a.json', '--refresh-interval', '0'], /--refresh-interval/],
    [['--document', 'a.json', '--verbose'], /verbose/],
    [['--document'], /document/],
  ])('reports %j as an error', (args, message) => {
    const command = parseCliArgs(args)
    expect(command.kind).toBe('error')
    expect(command.kind === 'error' && command.message).toMatch(message)
  })
})
