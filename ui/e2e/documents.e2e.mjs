// Real-window E2E, 文书 on the demo school: export F1 into the data folder (an .xlsx: zip magic
// PK); fill the issuer's details in 设置, issue a letter for one graduate (a PDF: %PDF), see its
// in-app preview and its row in the 登记簿. L2/L3 are offered only for the graduates they are
// for (#23: the engine's paperwork; otherwise disabled, the reason on hover), and a batch with
// graduates whose letter cannot be made is refused whole with a table of what is missing.
// Screenshots documents.png, documents-letter.png, documents-notices.png, letters-refused.png.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import assert from 'node:assert/strict'
import { spec, startDemo, go, input, answerNextDialog, sleep, waitMessage, waitContent, pick } from './common.mjs'

// WebKitWebDriver reads an el-table's text as empty: tables are read through textContent.

await spec(async ({ s, dataDir, shot }) => {
  await startDemo(s)

  // 设置: what every letter prints about the issuing committee.
  await go(s, '/settings', 'settings')
  for (const [key, value] of [
    ['handler', '李文'],
    ['office_phone', '027-88880000'],
    ['mobile', '13800001111'],
    ['address', '示例市示例路1号'],
    ['postcode', '430072'],
  ]) {
    const el = await s.find(input(`s-${key}`))
    await s.clearByKeys(el)
    await s.type(el, value)
  }
  await s.click(await s.find('[data-test="settings-save"]'))
  await waitMessage(s, '设置已保存')

  // 汇总表: F1 into the data folder.
  await go(s, '/documents', 'documents')
  const f1 = join(dataDir, 'F1-e2e.xlsx')
  await answerNextDialog(s, f1)
  await s.click(await s.find('[data-test="table-export"]'))
  await s.waitText('[data-test="table-path"]', (t) => t.includes('F1-e2e.xlsx'), 60_000)
  assert.ok(existsSync(f1), 'F1 written')
  assert.equal(readFileSync(f1).subarray(0, 2).toString('latin1'), 'PK')
  const tableSaid = await s.text(await s.find('[data-test="table-progress-message"]'))
  assert.match(tableSaid, /已生成/, `the table's bar: ${tableSaid}`)
  await shot('documents', 500)

  // 介绍信: one graduate → PDF, preview, register row.
  await s.click(await s.find('#tab-letters'))
  await waitContent(s, '[data-test="letter-graduates"] .el-table-v2__body', (t) => t.includes('班'))
  // One of those the engine gives a letter (L1), not an overage one (M5: none).
  await pick(s, '[data-test="letter-need"]', (t) => t.includes('需开介绍信'))
  await sleep(300)
  const boxes = await s.findAll('[data-test="letter-graduates"] .row-check')
  assert.ok(boxes.length > 0, 'graduates listed')
  await s.click(boxes[0])
  await s.type(await s.find(input('letter-receiver')), '共青团示例市示例区委员会')
  const pdf = join(dataDir, 'letter-e2e.pdf')
  await answerNextDialog(s, pdf)
  await s.click(await s.find('[data-test="letter-issue"]'))
  const preview = await s.waitText('[data-test="letter-preview"]', (t) => t.includes('团组织关系介绍信'), 60_000)
  const number = /\d{4}年\d{3,5}号/.exec(preview)?.[0]
  assert.ok(number, `preview shows the number: ${preview}`)
  assert.ok(existsSync(pdf), 'letter PDF written')
  assert.equal(readFileSync(pdf).subarray(0, 4).toString('latin1'), '%PDF')
  const letterSaid = await s.text(await s.find('[data-test="letter-progress-message"]'))
  assert.match(letterSaid, /已开具 1 封/, `the letters' bar: ${letterSaid}`)
  await shot('documents-letter', 500)

  await s.click(await s.find('#tab-register'))
  await waitContent(s, '[data-test="register"]', (t) => t.includes(number) && t.includes('待回执'))

  // L3 only for 出国（境）学习研究 (R5): the graduates needing it, one selected → L3 offered,
  // L2 (retained in school) not.
  await go(s, '/settings', 'settings')
  await go(s, '/documents', 'documents')
  await s.click(await s.find('#tab-letters'))
  await waitContent(s, '[data-test="letter-graduates"] .el-table-v2__body', (t) => t.includes('班'))
  await pick(s, '[data-test="letter-need"]', (t) => t.includes('需保留申请'))
  await sleep(500)
  const l3rows = await s.findAll('[data-test="letter-graduates"] .row-check')
  assert.ok(l3rows.length > 0, 'some graduates need L3')
  await s.click(l3rows[0])
  await sleep(300)
  const disabled = (css) => s.exec('const e = document.querySelector(arguments[0]); return !!e && e.disabled', [css])
  assert.equal(await disabled('[data-test="notice-l3"]'), false, 'L3 offered for an R5 graduate')
  assert.equal(await disabled('[data-test="notice-l2"]'), true, 'L2 not offered for an R5 graduate')
  await shot('documents-notices', 300)
  await s.click(l3rows[0])

  // A batch over every graduate to one receiver: those whose letter cannot be made (overage,
  // M5; details missing) are listed in a table by problem, nothing is numbered.
  await pick(s, '[data-test="letter-need"]', (t) => t.includes('全部毕业生'))
  await sleep(500)
  await s.click(await s.find('[data-test="letter-graduates"] [data-test="select-all"]'))
  await sleep(300)
  const before = await waitContent(s, '[data-test="letter-selected"]', (t) => /已选 \d+ 人/.test(t))
  assert.ok(!before.startsWith('已选 0'), before)
  const receiver = await s.find(input('letter-receiver'))
  await s.clearByKeys(receiver)
  await s.type(receiver, '共青团示例市示例区委员会')
  await answerNextDialog(s, join(dataDir, 'letters-all.pdf'))
  await s.click(await s.find('[data-test="letter-issue"]'))
  // The graduate given a letter above is named first (already issued): the secretary goes on.
  for (let i = 0; i < 100; i++) {
    const box = await s.exec("return !!document.querySelector('.el-message-box .el-button--primary')")
    const dialog = await s.exec(`return !!document.querySelector('[data-test="letter-problems"]')`)
    if (box) {
      await s.exec("document.querySelector('.el-message-box .el-button--primary').click()")
      break
    }
    if (dialog) break
    await sleep(200)
  }
  const refused = await waitContent(s, '[data-test="letter-problems"]', (t) => t.includes('未开具'), 120_000)
  assert.ok(/\d+ 封：/.test(refused), refused.slice(0, 300))
  assert.ok(!existsSync(join(dataDir, 'letters-all.pdf')), 'nothing written')
  await shot('letters-refused', 300)
})
