// A minimal W3C WebDriver client over fetch (Node 20): enough to drive the real app window
// through tauri-driver without pulling a client library into the offline bundle's deps.
const ELEMENT = 'element-6066-11e4-a52f-4a6b5ff89a1d'

export class Session {
  constructor(base, id) {
    this.base = base
    this.id = id
  }

  static async start(base, application, args = []) {
    const body = {
      capabilities: {
        alwaysMatch: { 'tauri:options': { application, args } },
      },
    }
    const res = await request(base, 'POST', '/session', body)
    return new Session(base, res.sessionId)
  }

  cmd(method, path, body) {
    return request(this.base, method, `/session/${this.id}${path}`, body)
  }

  async find(css, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs
    let last
    while (Date.now() < deadline) {
      try {
        const el = await this.cmd('POST', '/element', { using: 'css selector', value: css })
        return el[ELEMENT] ?? Object.values(el)[0]
      } catch (e) {
        last = e
        await sleep(150)
      }
    }
    throw new Error(`元素未出现：${css}（${last?.message ?? ''}）`)
  }

  async findAll(css) {
    const els = await this.cmd('POST', '/elements', { using: 'css selector', value: css })
    return els.map((e) => e[ELEMENT] ?? Object.values(e)[0])
  }

  /** Clicks; retried for a few seconds while an overlay (a closing dialog) intercepts it. */
  async click(el, timeoutMs = 8_000) {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      try {
        return await this.cmd('POST', `/element/${el}/click`, {})
      } catch (e) {
        if (!String(e.message).includes('click intercepted') || Date.now() > deadline) throw e
        await sleep(200)
      }
    }
  }

  type(el, text) {
    return this.cmd('POST', `/element/${el}/value`, { text })
  }

  clear(el) {
    return this.cmd('POST', `/element/${el}/clear`, {})
  }

  /** Ctrl+A, Backspace: fires the input events v-model listens to (clear() may not). */
  clearByKeys(el) {
    return this.type(el, '\uE009a\uE000\uE003')
  }

  text(el) {
    return this.cmd('GET', `/element/${el}/text`)
  }

  exec(script, args = []) {
    return this.cmd('POST', '/execute/sync', { script, args })
  }

  async waitText(css, predicate, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs
    let seen = ''
    while (Date.now() < deadline) {
      try {
        seen = await this.text(await this.find(css, 1000))
        if (predicate(seen)) return seen
      } catch {
        /* not there yet */
      }
      await sleep(150)
    }
    throw new Error(`等待超时：${css} 的文字为“${seen}”`)
  }

  async screenshot() {
    return Buffer.from(await this.cmd('GET', '/screenshot'), 'base64')
  }

  end() {
    return request(this.base, 'DELETE', `/session/${this.id}`)
  }
}

async function request(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = await res.json().catch(() => ({}))
  if (!res.ok) {
    throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.value ?? json)}`)
  }
  return json.value
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms))
}
