// Real-window E2E, 导入: an EMPTY start; the demo roster (fixtures/demo/demo-roster.xlsx) is
// chosen, its header mapping shown, the office's committee created, 预检 then 导入 with the
// progress bar; the graduates appear in 毕业生. Then the messy roster: errors with row and
// column in the table. Screenshots import.png and import-errors.png.
import { fileURLToPath } from 'node:url'
import assert from 'node:assert/strict'
import { spec, startDemo, go, input, answerNextDialog, sleep, waitMessage, clickEnabled } from './common.mjs'

const fixture = (p) => fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url))

await spec(async ({ s, shot }) => {
  await startDemo(s, { empty: true })
  await go(s, '/import', 'import')

  // Choose the demo roster: the detected mapping lists its columns.
  await answerNextDialog(s, fixture('demo/demo-roster.xlsx'))
  await s.click(await s.find('[data-test="import-pick"]'))
  await s.waitText('[data-test="import-mapping"]', (t) => t.includes('身份证号') && t.includes('团支部'), 30_000)

  // An empty office has no org yet: create its committee, branches go under it.
  const parentName = await s.find(input('import-parent-name'))
  await s.clearByKeys(parentName)
  await s.type(parentName, '共青团星河大学委员会')
  await s.click(await s.find('[data-test="import-create-parent"]'))
  await waitMessage(s, '已建立')

  // 预检 writes nothing and says what an import would do (once the file is read anew).
  await clickEnabled(s, '[data-test="import-dry-run"]')
  const dry = await s.waitText('[data-test="import-summary"]', (t) => t.includes('预检'), 60_000)
  const inserted = Number((await s.text(await s.find('[data-test="import-inserted"]'))).trim())
  assert.ok(inserted > 250, `预检应报告新增约300人：${dry}`)

  // 导入: the bar reaches 100 % and the counts say it was written.
  await clickEnabled(s, '[data-test="import-commit"]')
  await s.waitText('[data-test="import-summary"]', (t) => t.includes('已写入'), 120_000)
  const bar = await s.exec('return document.querySelector(\'[data-test="import-progress"]\').getAttribute("aria-valuenow")')
  assert.equal(bar, '100')
  assert.equal(Number((await s.text(await s.find('[data-test="import-inserted"]'))).trim()), inserted)
  await shot('import', 1200)

  // 毕业生 reflects the commit.
  await go(s, '/graduates', 'graduates')
  const count = await s.waitText('[data-test="graduate-count"]', (t) => /共 [1-9]\d* 人/.test(t), 60_000)
  assert.ok(!count.includes('共 0 人'), count)

  // The messy roster: errors with row and column, savable as .xlsx.
  await go(s, '/import', 'import')
  await answerNextDialog(s, fixture('roster/messy-roster.xlsx'))
  await s.click(await s.find('[data-test="import-pick"]'))
  // The messy roster has fewer columns (no 学籍状态): its own mapping is shown.
  await s.waitText('[data-test="import-mapping"]', (t) => t.includes('身份证号') && !t.includes('学籍状态'), 30_000)
  await sleep(500)
  // Its branches go under the committee, so the row-level errors show.
  await s.click(await s.find('[data-test="import-create-branches"]'))
  await clickEnabled(s, '[data-test="import-dry-run"]')
  await s.waitText('[data-test="import-summary"]', (t) => t.includes('预检'), 60_000)
  const errors = await s.exec('return document.querySelector(\'[data-test="import-errors"]\').textContent')
  assert.match(errors, /16D（公民身份号码）/, 'errors name the row and column')
  assert.match(errors, /行姓名列值说明\d+/, 'errors name the row and the person')
  const n = Number((await s.text(await s.find('[data-test="import-error-count"]'))).trim())
  assert.ok(n > 3, `应报告多处错误：${n}`)
  await shot('import-errors', 600)
})
