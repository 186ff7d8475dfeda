// Real-window E2E, 导入: an EMPTY start; the demo roster (fixtures/demo/demo-roster.xlsx) is
// chosen, its header mapping shown, the office's committee created, 预检 then 导入 with the
// progress bar (rows read of the sheet's); the graduates appear in 毕业生. Then the messy
// roster: errors with row and column in the table. Last, a generated 30,000-row roster whose
// import is stopped with 取消: nothing written. Screenshots import.png, import-errors.png.
import { fileURLToPath } from 'node:url'
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import assert from 'node:assert/strict'
import { spec, startDemo, go, input, answerNextDialog, sleep, waitMessage, clickEnabled } from './common.mjs'

const fixture = (p) => fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url))
const root = fileURLToPath(new URL('../..', import.meta.url))
const gen = process.env.XIANJIE_GEN ?? join(root, 'target/debug/xianjie-gen')

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
  const bar = await s.exec('return document.querySelector(\'[data-test="import-progress"] .el-progress\').getAttribute("aria-valuenow")')
  assert.equal(bar, '100')
  const said = await s.text(await s.find('[data-test="import-progress-message"]'))
  assert.match(said, /共 \d+ 行/, `the bar says the rows: ${said}`)
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

  // #18 B4: a large import stopped with 取消 writes nothing.
  const big = join(mkdtempSync(join(tmpdir(), 'xianjie-e2e-')), '大名单.xlsx')
  execFileSync(gen, ['roster', '--rows', '30000', '--out', big])
  await go(s, '/import', 'import')
  await answerNextDialog(s, big)
  await s.click(await s.find('[data-test="import-pick"]'))
  await s.waitText('[data-test="import-mapping"]', (t) => t.includes('身份证号'), 60_000)
  await sleep(500)
  await s.click(await s.find('[data-test="import-create-branches"]'))
  await clickEnabled(s, '[data-test="import-commit"]')
  await clickEnabled(s, '[data-test="import-progress-cancel"]', 60_000)
  await s.waitText('[data-test="import-error"]', (t) => t.includes('已取消'), 120_000)
  await go(s, '/graduates', 'graduates')
  const after = await s.waitText('[data-test="graduate-count"]', (t) => /共 \d+ 人/.test(t), 60_000)
  assert.equal(after.match(/共 (\d+) 人/)[1], count.match(/共 (\d+) 人/)[1], `取消后人数不变：${after}`)
})
