// Real-window E2E of 工作台 and 转接 on the demo school (300 graduates with a mix of
// transfers): rates and the by-branch chart, drill-down to the graduates behind a number;
// start a transfer, approve a node and see it change; a batch with one graduate who has no
// transfer is refused as a whole with that graduate named, and nothing changes.
import assert from 'node:assert/strict'
import { spec, startDemo, go, input, sleep, waitMessage, closeDrawer } from './common.mjs'

/** The member id of the first row whose state reads `label` (in the current tab). */
const firstWithState = (s, label) =>
  s.exec(
    `const e = [...document.querySelectorAll('[data-test^="state-"]')].find((x) => x.textContent.trim() === arguments[0]);
     return e ? e.dataset.test.slice(6) : null`,
    [label],
  )
/** The member id of the first 未发起 row that may be started (a blocked one's 发起 is disabled). */
const firstStartable = (s) =>
  s.exec(
    `const e = [...document.querySelectorAll('[data-test^="state-"]')].find(
       (x) => x.textContent.trim() === '未发起' && document.querySelector('[data-test="start-' + x.dataset.test.slice(6) + '"]'));
     return e ? e.dataset.test.slice(6) : null`,
  )
const rowText = (s, id) =>
  s.exec(`const e = document.querySelector('[data-test="state-' + arguments[0] + '"]'); return e ? e.closest('tr').textContent : ''`, [id])
const tick = (s, id) =>
  s.exec(`document.querySelector('[data-test="state-' + arguments[0] + '"]').closest('tr').querySelector('.el-checkbox__original').click()`, [id])

/** Polls the DOM text of `css` (not WebDriver's visible text, which lags drawer transitions). */
async function domText(s, css, predicate, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs
  for (;;) {
    const t = await s.exec('const e = document.querySelector(arguments[0]); return e ? e.textContent : ""', [css])
    if (predicate(t)) return t
    if (Date.now() > end) throw new Error(`等待超时：${css} 的文字为“${t.slice(0, 200)}”`)
    await sleep(250)
  }
}

/** Clicks in the page (a closing dialog's overlay may still cover the element for WebDriver). */
async function press(s, css) {
  await s.find(css, 30_000)
  await sleep(300)
  await s.exec('document.querySelector(arguments[0]).click()', [css])
}

async function confirmStep(s) {
  await press(s, '[data-test="step-submit"]')
  await press(s, '.el-message-box__btns .el-button--primary')
}

await spec(async ({ s, shot }) => {
  await startDemo(s)

  // 工作台: both rates with numbers, the calendar's next milestone, the chart drawn.
  const xs = await s.waitText('[data-test="rate-card-xs"]', (t) => t.includes('%') && t.includes('应转'), 60_000)
  assert.match(xs, /完成 \d+ \/ 应转 \d+/)
  await s.find('[data-test="rate-card-sx"]')
  await s.find('[data-test="rate-chart"] canvas')
  await s.waitText('[data-test="calendar"]', (t) => t.includes('工作日历'))
  await s.waitText('[data-test="due-list"]', (t) => t.includes('待办清单'))
  await shot('dashboard', 800)

  // Drill-down: the graduates behind the school's 学社衔接率.
  await s.click(await s.find('[data-test="rate-card-xs"]'))
  const drill = await domText(s, '[data-test="drill-table"]', (t) => t.includes('毕业生（分母）') || t.includes('已完成（分子）'))
  assert.ok(drill.length > 20, 'the drill-down lists graduates')
  const lines = await s.exec('return document.querySelectorAll(\'[data-test="drill-table"] .el-table__body tr\').length')
  assert.ok(lines > 0, `drill-down rows: ${lines}`)
  await closeDrawer(s)
  await s.waitText('body', () => true)
  for (let i = 0; i < 50; i++) {
    const open = await s.exec("return !!document.querySelector('.el-overlay:not([style*=\"display: none\"])')")
    if (!open) break
    await sleep(200)
  }

  // 转接: start a transfer for a graduate without one.
  await go(s, '/transfers', 'transfers')
  await s.waitText('[data-test="transfer-table"]', (t) => t.includes('审批中'), 30_000)
  const fresh = await firstStartable(s)
  assert.ok(fresh, 'a graduate without a transfer who may start')
  await press(s, `[data-test="start-${fresh}"]`)
  const dest = await s.find(input('start-destination'))
  await s.clearByKeys(dest)
  await s.type(dest, '共青团某市某区某街道学社衔接临时团支部')
  await confirmStep(s)
  await s.waitText(`[data-test="state-${fresh}"]`, (t) => t.includes('审批中'), 30_000)
  const before = await rowText(s, fresh)
  assert.match(before, /转入团支部/)

  // Approve the node it waits at: the next node waits now.
  await press(s, `[data-test="approve-${fresh}"]`)
  await confirmStep(s)
  await waitMessage(s, '审批同意', 30_000)
  await sleep(500)
  const after = await rowText(s, fresh)
  assert.notEqual(after, before, 'approving moves the transfer to its next node')
  assert.match(after, /上级团组织|已完成/)
  await shot('transfers', 600)

  // Batch 登记完成 with one graduate who has no transfer: refused as a whole, that one named.
  const waiting = await s.exec(
    `const e = [...document.querySelectorAll('[data-test^="state-"]')].find((x) => x.textContent.trim() === '审批中' && x.dataset.test !== 'state-' + arguments[0]);
     return e ? e.dataset.test.slice(6) : null`,
    [fresh],
  )
  const invalid = await firstWithState(s, '未发起')
  assert.ok(waiting && invalid)
  const invalidName = (await rowText(s, invalid)).trim().slice(0, 3)
  await tick(s, waiting)
  await tick(s, invalid)
  await sleep(300)
  await s.waitText('[data-test="page-transfers"]', (t) => t.includes('已选 2 人'))
  await press(s, '[data-test="batch-done"]')
  await confirmStep(s)
  const errs = await domText(s, '[data-test="step-errors"]', (t) => t.includes('没有转接记录'))
  assert.ok(errs.includes(invalidName.slice(0, 2)), `the refused graduate is named: ${errs}`)
  await shot('transfers-batch-error', 400)
  const still = await s.text(await s.find(`[data-test="state-${waiting}"]`))
  assert.equal(still.trim(), '审批中', 'all or nothing: nothing changed')
})
