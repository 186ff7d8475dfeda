// Shared by every E2E spec (ui/e2e/*.e2e.mjs): one app session per spec, started by
// scripts/app-e2e.sh with a fresh data folder; helpers for inputs, screenshots and failures.
//   node ui/e2e/<name>.e2e.mjs <app binary> <data dir> <screenshot dir>
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, basename } from 'node:path'
import assert from 'node:assert/strict'
import { Session, sleep } from './webdriver.mjs'

export { sleep }

/** A fictional ID number with a valid M1 check character. */
export function idNumber(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0)
  return first17 + '10X98765432'[sum % 11]
}

/** Element Plus puts a data-test attribute of <el-input> on the inner <input>. */
export const input = (name) => `input[data-test="${name}"], [data-test="${name}"] input`

/**
 * Runs one spec: `body({ s, dataDir, shot, timings })`. A failure saves
 * `failure-<spec>.png` (not committed) and exits 1; success prints `{ok, spec, timings}`.
 */
export async function spec(body) {
  const [app, dataDir, shots] = process.argv.slice(2)
  assert.ok(app && dataDir && shots, 'usage: <spec>.e2e.mjs APP DATA_DIR SCREENSHOT_DIR')
  mkdirSync(shots, { recursive: true })
  const name = basename(process.argv[1]).replace(/\.e2e\.mjs$/, '')
  const base = process.env.WEBDRIVER_URL ?? 'http://127.0.0.1:4444'
  const timings = {}
  const t0 = Date.now()
  const s = await Session.start(base, app)
  const shot = async (file, settleMs = 300) => {
    await sleep(settleMs)
    writeFileSync(join(shots, `${file}.png`), await s.screenshot())
  }
  let failed = false
  try {
    await body({ s, dataDir, shot, timings, t0 })
    console.log(JSON.stringify({ ok: true, spec: name, timings }))
  } catch (e) {
    failed = true
    console.error(`E2E 失败（${name}）：`, e)
    try {
      writeFileSync(join(shots, `failure-${name}.png`), await s.screenshot())
    } catch {
      /* window gone */
    }
  } finally {
    await s.end().catch(() => {})
  }
  process.exit(failed ? 1 : 0)
}

/** First run: choose the demo school (or the empty start) and wait for the dashboard. */
export async function startDemo(s, { empty = false } = {}) {
  const choice = empty ? 'start-empty' : 'start-demo'
  await s.find(`[data-test="${choice}"]`, 60_000)
  // Under load the first click may land before the dialog's handlers are live: click again
  // while the welcome is still there and the button is not busy.
  const deadline = Date.now() + 300_000
  for (;;) {
    const state = await s.exec(
      `const b = document.querySelector('[data-test="${choice}"]');
       if (!b || !document.body.innerText.includes('欢迎使用学社衔接助手')) return 'gone';
       return b.classList.contains('is-loading') ? 'busy' : 'idle'`,
    )
    if (state === 'gone') break
    if (Date.now() > deadline) throw new Error('首次运行对话框未关闭')
    if (state === 'idle') await s.click(await s.find(`[data-test="${choice}"]`)).catch(() => {})
    await sleep(state === 'idle' ? 2_000 : 300)
  }
  // The dialog's fade-out overlay must be gone before anything else is clicked.
  const overlayGone = Date.now() + 10_000
  while (Date.now() < overlayGone) {
    const shown = await s.exec(
      "return [...document.querySelectorAll('.el-overlay')].some((o) => o.offsetParent !== null || getComputedStyle(o).display !== 'none')",
    )
    if (!shown) break
    await sleep(150)
  }
  await s.find('[data-test="page-dashboard"]')
}

/** Navigates by the side menu and waits for the page's root element. */
export async function go(s, path, page) {
  await s.click(await s.find(`[data-test="nav-${path}"]`))
  return s.find(`[data-test="page-${page}"]`, 30_000)
}

/**
 * The next native file dialog answers `path` without opening (WebDriver cannot drive native
 * dialogs); see ui/src/lib/files.ts, the only caller of the dialog plugin.
 */
export function answerNextDialog(s, path) {
  return s.exec('window.__xianjieE2E = Object.assign(window.__xianjieE2E || {}, { nextPath: arguments[0] })', [path])
}

/**
 * Waits for a toast (el-message) containing `text`. Several may be on screen at once (an
 * older one fading out), so every one is read, through textContent.
 */
export async function waitMessage(s, text, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs
  let seen = []
  while (Date.now() < deadline) {
    seen = await s.exec("return [...document.querySelectorAll('.el-message')].map((m) => m.textContent)")
    if (seen.some((t) => t.includes(text))) return
    await sleep(100)
  }
  throw new Error(`等待提示“${text}”超时；看到：${JSON.stringify(seen)}`)
}

/** Clicks the element once it is enabled: a click on a disabled button is silently lost. */
export async function clickEnabled(s, css, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs
  while (await s.exec('const e = document.querySelector(arguments[0]); return !e || e.disabled', [css])) {
    if (Date.now() > end) throw new Error(`等待超时：${css} 一直不可用`)
    await sleep(100)
  }
  await s.click(await s.find(css))
}

/** Waits until the element's whole text (visible or scrolled away) satisfies `predicate`. */
export async function waitContent(s, css, predicate, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs
  let text = ''
  while (Date.now() < end) {
    text = (await s.exec('const e = document.querySelector(arguments[0]); return e ? e.textContent : ""', [css])) ?? ''
    if (predicate(text)) return text
    await sleep(200)
  }
  throw new Error(`等待超时：${css} 的内容为“${text.slice(0, 200)}”`)
}

/** Opens an el-select and clicks its visible option whose text satisfies `wanted`. */
export async function pick(s, selectCss, wanted) {
  await s.click(await s.find(selectCss))
  await sleep(300)
  const texts = await s.exec(
    "return [...document.querySelectorAll('.el-select-dropdown__item')].filter((e) => e.offsetParent).map((e) => e.textContent.trim())",
  )
  const i = texts.findIndex(wanted)
  assert.ok(i >= 0, `选项中没有所需的一项：${JSON.stringify(texts)}`)
  await s.exec(
    "[...document.querySelectorAll('.el-select-dropdown__item')].filter((e) => e.offsetParent)[arguments[0]].click()",
    [i],
  )
  await sleep(300)
}

/** Closes the drawer on screen (others may sit hidden in the page, each with its button). */
export async function closeDrawer(s) {
  const closed = await s.exec(
    "const b = [...document.querySelectorAll('.el-drawer__close-btn')].find((e) => e.offsetParent); if (b) b.click(); return !!b",
  )
  assert.ok(closed, 'a drawer on screen')
  await sleep(400)
}

/** Waits (up to 6 s) until no toast is on screen: one may sit over the next button. */
export async function toastsGone(s) {
  for (let i = 0; i < 60; i++) {
    const shown = await s.exec("return [...document.querySelectorAll('.el-message')].some((m) => m.offsetParent)")
    if (!shown) return
    await sleep(100)
  }
}
