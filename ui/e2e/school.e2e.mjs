// Real-window E2E, the school level and 对账 (issue 16). 对账: 智慧团建's transfer list for
// the demo college (made by xianjie-gen from its store, one transfer shown 已通过 there while
// 审批中 here) shows that one difference, which is accepted. 学院数据: two generated colleges'
// packages are imported (the demo's top committee is the school); 工作台 then shows the
// colleges together, and 文书 makes one F2 over both packages. Its number drills down
// to both colleges' graduates. The school's key is created in the window first and the
// packages are encrypted to it (issue 25). Screenshots reconcile.png, school-key.png,
// school.png, school-dashboard.png, school-drill.png.
// e2e-today: 2026-06-20
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import assert from 'node:assert/strict'
import { spec, startDemo, go, answerNextDialog, waitMessage, waitContent, clickEnabled, sleep, input } from './common.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
const gen = process.env.XIANJIE_GEN ?? join(root, 'target/debug/xianjie-gen')
const SCHOOL = '共青团星河大学委员会'

await spec(async ({ s, dataDir, shot }) => {
  await startDemo(s)

  // 对账: one transfer differs.
  const list = join(dataDir, '智慧团建转接列表.xlsx')
  const rows = Number(
    execFileSync(gen, ['zhtj-export', '--db', join(dataDir, 'xianjie.db'), '--year', '2026', '--on', '2026-06-20', '--done', '1', '--out', list])
      .toString()
      .trim(),
  )
  assert.ok(rows > 1, `export rows: ${rows}`)
  await go(s, '/reconcile', 'reconcile')
  await answerNextDialog(s, list)
  await clickEnabled(s, '[data-test="reconcile-pick"]')
  const summary = await s.waitText('[data-test="reconcile-summary"]', (t) => t.includes('差异'), 60_000)
  assert.match(summary, new RegExp(`读取 ${rows} 行，对上 ${rows} 人，差异 1 处`), summary)
  const table = await waitContent(s, '[data-test="reconcile-differences"]', (t) => t.includes('状态不同'))
  assert.ok(table.includes('审批中') && table.includes('已通过') && table.includes('记为已完成'), table)
  await shot('reconcile', 500)
  await clickEnabled(s, '[data-test="reconcile-differences"] button[data-test^="reconcile-accept-"]')
  await waitMessage(s, '已采纳 1 处', 30_000)
  await s.waitText('[data-test="reconcile-summary"]', (t) => t.includes('差异 0 处'), 30_000)

  // 学院数据: the school's key is created in the window (issue 25); its public part is shown
  // (text, fingerprint, QR) and the two colleges' packages are encrypted to it and signed.
  await go(s, '/school', 'school')
  await clickEnabled(s, '[data-test="school-key-create"]')
  const recipient = (await s.waitText('[data-test="school-key-recipient"]', (t) => t.startsWith('age1'), 30_000)).trim()
  const fingerprint = await s.text(await s.find('[data-test="school-key-fingerprint"]'))
  assert.ok(fingerprint.length >= 8, fingerprint)
  await shot('school-key', 300)
  const dir = join(dataDir, '数据包')
  mkdirSync(dir, { recursive: true })
  const packages = [
    ['共青团星河大学第一学院委员会', '60', '50000'],
    ['共青团星河大学第二学院委员会', '80', '60000'],
  ].map(([college, n, first], i) => {
    const out = join(dir, `学院${i + 1}.xjpkg`)
    execFileSync(gen, ['package', '--school', SCHOOL, '--college', college, '--graduates', n, '--first', first, '--on', '2026-06-20', '--to', recipient, '--out', out])
    // Encrypted: none of the package's member names is readable in the file.
    for (const clear of ['SQLite format 3', 'XIANJIE-PACKAGE', '"graduation_year"']) assert.ok(!readFileSync(out).includes(Buffer.from(clear)), `package holds '${clear}' in clear`)
    return out
  })
  await answerNextDialog(s, packages.join('\n'))
  await clickEnabled(s, '[data-test="package-import"]')
  const said = await s.waitText('[data-test="package-outcomes"]', (t) => t.includes('已导入'), 60_000)
  assert.equal(said.match(/已导入/g)?.length, 2, said)
  // Both colleges' signing keys registered on first use, with their fingerprints.
  const registered = await waitContent(s, '[data-test="college-keys"]', (t) => t.includes('第一学院') && t.includes('第二学院'), 30_000)
  assert.ok(registered.length > 0)
  const rates = await waitContent(s, '[data-test="school-rates"]', (t) => t.includes('全校'), 60_000)
  assert.ok(rates.includes('第一学院') && rates.includes('第二学院'), rates)
  // The rates by college, as the Excel the school reports upward.
  const ratesFile = join(dataDir, '各学院衔接率.xlsx')
  await answerNextDialog(s, ratesFile)
  await clickEnabled(s, '[data-test="school-rates-export"]')
  await waitMessage(s, '各学院衔接率.xlsx', 30_000)
  assert.equal(readFileSync(ratesFile).subarray(0, 2).toString('latin1'), 'PK')
  // 全校查询: a common surname is found in both colleges.
  await s.type(await s.find(input('school-find-query')), '王')
  await clickEnabled(s, '[data-test="school-find"]')
  const found = await waitContent(s, '[data-test="school-found"]', (t) => t.includes('第一学院') && t.includes('第二学院'), 30_000)
  assert.ok(found.includes('********'), 'ID numbers are masked')
  await shot('school', 500)

  // 文书: one F2 over both colleges' packages.
  await go(s, '/documents', 'documents')
  await s.click(await s.find('[data-test="form-f2"]'))
  await s.click(await s.find('[data-test="table-all-colleges"]'))
  const f2 = join(dataDir, '全校F2.xlsx')
  await answerNextDialog(s, f2)
  await s.click(await s.find('[data-test="table-export"]'))
  await s.waitText('[data-test="table-path"]', (t) => t.includes('全校F2.xlsx'), 60_000)
  assert.equal(readFileSync(f2).subarray(0, 2).toString('latin1'), 'PK')

  // 工作台: the colleges together.
  await go(s, '/', 'dashboard')
  const merged = await s.waitText('[data-test="dashboard-merged"]', (t) => t.includes('2 个学院'), 60_000)
  assert.ok(merged.includes('只读'), merged)
  // The messages of the steps before fade first.
  await sleep(3500)
  await shot('school-dashboard', 500)
  // The school's number drills down to every college's graduates, each with its college.
  await s.click(await s.find('[data-test="rate-card-xs"]'))
  const drill = await waitContent(s, '[data-test="drill-table"]', (t) => t.includes('第一学院') && t.includes('第二学院'), 60_000)
  assert.ok(drill.includes('毕业生（分母）'), drill.slice(0, 200))
  await sleep(800)
  await shot('school-drill', 300)
  // 毕业生 lists this store's own rows and says where the colleges' are.
  await s.click(await s.find('[data-test="drill"] .el-drawer__close-btn'))
  await sleep(500)
  await go(s, '/graduates', 'graduates')
  const note = await s.waitText('[data-test="school-note"]', (t) => t.includes('2 个学院'), 30_000)
  assert.ok(note.includes('工作台'), note)
})
