// Real-window E2E, the write actions (demo, 300 graduates): mark a branch's graduation date
// (G1); mark a graduate deferred with a date earlier than the branch's → the refusal (M3),
// then a later date → marked; open a graduate, fill the destination and see the
// recommendation's reason; screenshots of 组织, its marking dialog, 毕业生, the refusal and the
// graduate's page.
import assert from 'node:assert/strict'
import { spec, startDemo, go, input, sleep, waitMessage } from './common.mjs'

/** Tags the first element matching `css` whose text contains `text` (or its `inner` child). */
async function tag(s, css, text, inner, name) {
  const ok = await s.exec(
    `const el = [...document.querySelectorAll(arguments[0])].find((e) => e.textContent.includes(arguments[1]));
     const t = el && (arguments[2] ? el.querySelector(arguments[2]) : el);
     if (!t) return false;
     document.querySelectorAll('[data-test="' + arguments[3] + '"]').forEach((e) => e.removeAttribute('data-test'));
     t.setAttribute('data-test', arguments[3]);
     return true`,
    [css, text, inner, name],
  )
  assert.ok(ok, `找不到 ${css}（${text}）`)
  return s.find(`[data-test="${name}"]`)
}

async function typeMonth(s, name, value) {
  const el = await s.find(input(name))
  await s.clearByKeys(el)
  await s.type(el, value)
  await s.type(el, '\uE007')
}

await spec(async ({ s, shot, timings }) => {
  const year = new Date().getFullYear()
  await startDemo(s)
  await sleep(1000) // the first-run overlay fades out

  // 组织: tick a branch not yet marked and mark its date (G1).
  await go(s, '/orgs', 'orgs')
  await s.waitText('[data-test="page-orgs"]', (t) => t.includes('未标记毕业时间'), 30_000)
  await shot('orgs')
  const before = await s.exec('return document.body.innerText.split("未标记毕业时间").length - 1')
  const branch = "共青团星河大学信息工程学院2023级待标记1班团支部"
  await s.click(await tag(s, '.el-tree-node__content', branch, '.el-checkbox', 'tick'))
  await s.waitText('[data-test="orgs-checked"]', (t) => t.includes('已勾选 1 个'))
  await s.click(await s.find('[data-test="mark-branches"]'))
  await typeMonth(s, 'mark-date', `${year}-07`)
  await shot('orgs-marking')
  await s.click(await s.find('[data-test="mark-save"]'))
  await waitMessage(s, '已标记 1 个团支部')
  // The tree is read again after the marking: wait for it (a loaded machine is slow).
  const count = () => s.exec('return document.body.innerText.split("未标记毕业时间").length - 1')
  const until = Date.now() + 15_000
  let after = await count()
  while (after !== before - 1 && Date.now() < until) {
    await sleep(200)
    after = await count()
  }
  assert.equal(after, before - 1, '标记后少一个未标记的团支部')

  // 毕业生: select one graduate, defer to a month earlier than the branch's → refused (M3).
  const t0 = Date.now()
  await go(s, '/graduates', 'graduates')
  await s.waitText('[data-test="graduate-count"]', (t) => t.includes('共 300 人'), 60_000)
  timings.graduatesVisibleMs = Date.now() - t0
  timings.graduatesFirstRowsMs = await s.exec('return window.__xianjieTimings.graduatesFirstRowsMs')
  await shot('graduates')
  const checks = await s.findAll('.row-check')
  await s.click(checks[0])
  await s.waitText('[data-test="graduate-selected"]', (t) => t.includes('已选 1 人'))
  await s.click(await s.find('[data-test="action-defer"]'))
  await typeMonth(s, 'defer-date', `${year}-06`)
  await s.type(await s.find(input('defer-reason')), '休学一年')
  await s.click(await s.find('[data-test="defer-save"]'))
  const refusal = await s.waitText('[data-test="defer-error"]', (t) => t.includes('M3'))
  assert.match(refusal, /晚于/)
  await shot('deferred-refused')

  // A later month is accepted; the list shows the marking.
  await typeMonth(s, 'defer-date', `${year + 1}-07`)
  await s.click(await s.find('[data-test="defer-save"]'))
  await waitMessage(s, '已标记 1 名延迟毕业团员')
  // (the virtual rows' text is read from the DOM: WebDriver's text skips them)
  const deadline = Date.now() + 20_000
  while (!(await s.exec('return document.querySelector(\'[data-test="graduate-table"]\').textContent.includes("延迟毕业团员")'))) {
    assert.ok(Date.now() < deadline, '列表应显示“延迟毕业团员”')
    await sleep(200)
  }

  // Open another graduate: the full record, the destination form and the live recommendation.
  const cells = await s.findAll('.el-table-v2__row .el-table-v2__row-cell:nth-child(2)')
  await s.click(cells[1])
  await s.find('[data-test="graduate-detail"]', 20_000)
  const id = await s.text(await s.find('[data-test="detail-id-number"]'))
  assert.match(id, /^\d{17}[\dX]$/, '详情页显示完整身份证号')
  const province = await s.find(input('f-province'))
  await s.clearByKeys(province)
  await s.type(province, '北京')
  const reason = await s.waitText('[data-test="rec-reason"]', (t) => /R\d/.test(t), 20_000)
  assert.ok(reason.length > 2, `转接原因：${reason}`)
  // The live recommendation has caught up with the typed province: its text stops changing
  // (it names the province only for some destinations).
  let last = ''
  for (let same = 0, i = 0; same < 4 && i < 100; i++) {
    const now = await s.text(await s.find('[data-test="recommendation"]'))
    same = now === last ? same + 1 : 0
    last = now
    await sleep(250)
  }
  // Saving twice is harmless (the same facts); a click lost while the drawer re-lays out is
  // retried once.
  await s.click(await s.find('[data-test="save-destination"]'))
  await waitMessage(s, '已保存', 5_000).catch(async () => {
    await s.click(await s.find('[data-test="save-destination"]'))
    await waitMessage(s, '已保存')
  })
  await s.waitText('[data-test="recommendation"]', (t) => t.includes('依据'))
  await shot('graduate-detail', 600)
})
