// Real-window E2E, the jobs the app once lacked (#26): in 设置, the 学校类型 and the campaign
// calendar (W5a) are set and saved, and a value the core refuses is shown beside its field;
// in 组织, a branch is moved under another committee. Screenshots: settings.png,
// settings-calendar.png, orgs-move.png.
import assert from 'node:assert/strict'
import { clickEnabled, go, input, pick, sleep, spec, startDemo, waitMessage } from './common.mjs'

await spec(async ({ s, shot }) => {
  await startDemo(s)
  await sleep(1000)

  // 设置: 学校类型 (it decides whether graduates may be retained, R7a).
  await go(s, '/settings', 'settings')
  await s.find('[data-test="s-school_kind"]', 30_000)
  await pick(s, '[data-test="s-school_kind"]', (t) => t.includes('中等职业'))
  // A postcode the core refuses is named beside the field, from the core's check.
  const postcode = await s.find(input('s-postcode'))
  await s.clearByKeys(postcode)
  await s.type(postcode, '123')
  await s.waitText('[data-test="page-settings"]', (t) => t.includes('邮政编码“123”应为6位数字'), 15_000)
  await s.clearByKeys(postcode)
  await s.type(postcode, '430072')
  await clickEnabled(s, '[data-test="settings-save"]')
  await waitMessage(s, '设置已保存')
  await shot('settings')

  // 工作日历: the day count of the W4 reminder, changed and saved.
  await s.click(await s.find('#tab-calendar'))
  const reminder = await s.find(input('cal-reminder_days'))
  await s.clearByKeys(reminder)
  await s.type(reminder, '7')
  await s.click(await s.find('[data-test="calendar-save"]'))
  await waitMessage(s, '年工作日历已保存')
  const saved = await s.exec(`return document.querySelector('[data-test="cal-reminder_days"] input').value`)
  assert.equal(saved, '7')
  await shot('settings-calendar')

  // 组织: move a branch under another org (the core audits it, refuses a cycle).
  await go(s, '/orgs', 'orgs')
  const branch = '共青团星河大学信息工程学院2023级待标记1班团支部'
  await s.click(await s.find(`[data-test="move-${branch}"]`, 30_000))
  await pick(s, '[data-test="move-to"]', (t) => t === '（最上层）')
  await shot('orgs-move')
  await s.click(await s.find('[data-test="move-save"]'))
  await waitMessage(s, '已移动')
})
