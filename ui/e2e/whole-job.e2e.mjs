// Real-window E2E, the whole campaign of the demo college (issue 18), as a secretary does it:
// an empty office → the office's details → the roster imported → the branches' destinations
// collected (the exported workbooks filled in by script, as the branches would) → review by
// exception → transfers started for every reviewed graduate → F1–F6 → the letters L1 asks for
// → L2 for the graduates kept in school → a backup. Every user action is counted (clicks,
// fields typed and their characters, files chosen, keys, decisions) and every step timed; the
// spec writes docs/whole-job.md with the table and the person's time by a keystroke-level
// model, and the screenshots of the review view, the collection page and the letter batch.
// e2e-today: 2026-06-20
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import assert from 'node:assert/strict'
import { spec, startDemo, go, waitMessage, sleep, toastsGone } from './common.mjs'
import { MODEL_TEXT, counter, writeSection } from './keystrokes.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
const gen = process.env.XIANJIE_GEN ?? join(root, 'target/debug/xianjie-gen')
const roster = join(root, 'fixtures/demo/demo-roster.xlsx')

await spec(async ({ s, dataDir, shot }) => {
  const { begin, end, wait, click, field, choose, key, pickOption, count, current, report } = counter(s)

  // 1. First run, an empty office; its details once (letters print them).
  begin('首次运行与本单位信息')
  await startDemo(s, { empty: true })
  current().clicks++
  await go(s, '/settings', 'settings')
  current().clicks++
  await field('s-college', '星河大学信息工程学院')
  await field('s-committee_full_name', '共青团星河大学信息工程学院委员会')
  await field('s-handler', '李文')
  await field('s-office_phone', '027-88880000')
  await field('s-mobile', '13800001111')
  await field('s-address', '星河市大学路1号')
  await field('s-postcode', '430072')
  await click('[data-test="settings-save"]')
  await wait(waitMessage(s, '设置已保存', 30_000))
  end()

  // 2. The roster: chosen, checked, its branches created under the college, imported.
  begin('导入名单')
  await go(s, '/import', 'import')
  current().clicks++
  await choose(roster)
  await click('[data-test="import-pick"]')
  await wait(s.waitText('[data-test="import-mapping"]', (t) => t.includes('身份证号'), 60_000))
  await click('[data-test="import-dry-run"]')
  await wait(s.waitText('[data-test="import-summary"]', (t) => t.includes('预检'), 60_000))
  await click('[data-test="import-create-missing"]')
  await wait(s.waitText('[data-test="page-import"]', (t) => t.includes('将新建团支部'), 60_000))
  await click('[data-test="import-commit"]')
  await wait(s.waitText('[data-test="import-summary"]', (t) => t.includes('已写入'), 120_000))
  const imported = await count('[data-test="import-inserted"]')
  assert.ok(imported > 250, `imported ${imported}`)
  end()

  // 3. Destinations collected from the branches: export, (branches fill in), read back, write.
  begin('收集毕业去向')
  await go(s, '/collect', 'collect')
  current().clicks++
  const out = join(dataDir, '收集表')
  mkdirSync(out, { recursive: true })
  await choose(out)
  await click('[data-test="collect-export"]')
  await wait(waitMessage(s, '已导出', 60_000))
  const back = join(dataDir, '交回')
  execFileSync(gen, ['collect-fill', '--in', out, '--out', back])
  const files = readdirSync(back).filter((f) => f.endsWith('.xlsx')).map((f) => join(back, f))
  await choose(files.join('\n'))
  // The 已导出 toast sits over the 读回 button until it fades.
  await wait(toastsGone(s))
  await click('[data-test="collect-pick"]')
  await wait(s.waitText('[data-test="collect-result"]', (t) => t.includes('检查结果'), 60_000))
  await shot('collect-check', 500)
  await click('[data-test="collect-write"]')
  await wait(waitMessage(s, '人的毕业去向', 60_000))
  await wait(s.waitText('[data-test="collect-summary"]', (t) => t.includes('0 个未交回'), 30_000))
  await shot('collect-returned', 500)
  end()

  // 4. Review by exception.
  begin('按例外核对建议')
  await go(s, '/graduates', 'graduates')
  current().clicks++
  await wait(s.waitText('[data-test="review-groups"]', (t) => /可以办理（[1-9]/.test(t), 60_000))
  await shot('review-groups', 500)
  // The ready ones in one action (the secretary glances at the group first).
  current().decisions++
  await click('[data-test="review-accept-ready"]')
  await wait(waitMessage(s, '已核对无误', 60_000))
  // 有提醒: graduates sharing the same warnings, read once, accepted together.
  await click('[data-test="group-warnings"]')
  await wait(s.find('[data-test="warning-sets"]', 30_000))
  await shot('review-warnings', 500)
  for (let i = 0; i < 40; i++) {
    const left = await s.exec('return document.querySelectorAll(\'[data-test^="accept-set-"]\').length')
    if (!left) break
    current().decisions++
    await click('[data-test="accept-set-0"]')
    await wait(waitMessage(s, '提醒：', 60_000))
    await sleep(400)
  }
  // 暂不能转接: each one read (what blocks it, for the follow-up), one key each.
  await click('[data-test="group-blocked"]')
  await sleep(500)
  const blocked = await s.exec('return document.querySelectorAll(\'[data-test="graduate-table"] .el-table-v2__row\').length')
  if (blocked > 0) {
    await click('[data-test="review-one-by-one"]')
    await wait(s.find('[data-test="review-bar"]', 30_000))
    await shot('review-one-by-one', 800)
    const total = Number((await s.text(await s.find('[data-test="review-bar"]'))).match(/\/ (\d+)/)?.[1] ?? 0)
    for (let i = 1; i < total; i++) {
      current().decisions++
      await key('j')
      await wait(s.waitText('[data-test="review-bar"]', (t) => t.includes(`第 ${i + 1} /`), 30_000))
    }
    current().decisions++
    await key('Escape')
    await s.exec('document.querySelector(\'[data-test="graduate-drawer"] .el-drawer__close-btn\')?.click()')
  }
  await sleep(500)
  end()

  // 5. Transfers started for every reviewed graduate, each with its own reason and org.
  begin('批量登记发起转接')
  await click('[data-test="group-all"]')
  await wait(s.waitText('[data-test="review-start"]', (t) => /为已核对的 [1-9]\d* 人/.test(t), 30_000))
  const toStart = await count('[data-test="review-start"]')
  await click('[data-test="review-start"]')
  await wait(s.find('[data-test="review-start-dialog"]'))
  current().decisions++
  // A click while the dialog is still opening can be lost (seen once in a full check).
  await sleep(500)
  await click('[data-test="review-start-confirm"]')
  await wait(waitMessage(s, '已为', 120_000))
  end()

  // 6. F1–F6.
  begin('汇总表 F1–F6')
  await go(s, '/documents', 'documents')
  current().clicks++
  for (const f of ['f1', 'f2', 'f3', 'f4', 'f5', 'f6']) {
    await click(`[data-test="form-${f}"]`)
    const path = join(dataDir, `${f.toUpperCase()}.xlsx`)
    await choose(path)
    await click('[data-test="table-export"]')
    await wait(s.waitText('[data-test="table-path"]', (t) => t.includes(`${f.toUpperCase()}.xlsx`), 60_000))
    assert.ok(existsSync(path), `${f} written`)
  }
  end()

  // 7. The letters L1 asks for, each to its graduate's own receiver, in one PDF.
  begin('介绍信（批量）')
  await click('#tab-letters')
  current().clicks++
  await wait(s.find('[data-test="letter-graduates"] .el-table-v2', 30_000))
  await pickOption('[data-test="letter-need"]', '需开介绍信')
  await click('[data-test="letter-graduates"] [data-test="select-all"]')
  const letters = await count('[data-test="letter-selected"]')
  assert.ok(letters > 0, 'graduates needing L1')
  const pdf = join(dataDir, '介绍信.pdf')
  await choose(pdf)
  await click('[data-test="letter-issue"]')
  await wait(s.waitText('[data-test="letter-path"]', (t) => t.includes('介绍信.pdf'), 120_000))
  await shot('letters-batch', 600)
  end()

  // 8. L2 for the graduates kept in school.
  begin('告知书 L2（在校保留）')
  await pickOption('[data-test="letter-need"]', '需告知书（在校保留）')
  await click('[data-test="letter-graduates"] [data-test="select-all"]')
  const notices = await count('[data-test="letter-selected"]')
  assert.ok(notices > 0, 'graduates kept in school')
  await choose(join(dataDir, '告知书.pdf'))
  await click('[data-test="notice-l2"]')
  await wait(waitMessage(s, '已生成', 60_000))
  end()

  // 9. A backup before closing.
  begin('备份')
  await go(s, '/settings', 'settings')
  current().clicks++
  await click('#tab-backup')
  await click('[data-test="backup-create"]')
  await wait(waitMessage(s, '已备份', 60_000))
  end()

  // The table and the model.
  const r = report()
  const md = `## June: the graduates out

Written by \`ui/e2e/whole-job.e2e.mjs\` (the real window, driven through WebDriver; run with
\`E2E_ONLY=whole-job bash scripts/app-e2e.sh\`). The demo college: ${imported} members imported,
${toStart} transfers started, ${letters} letters and ${notices} notices printed, campaign date
2026-06-20. Each step below is what a secretary does in the app; the branches' filling in of
their workbooks is their time, not hers (done here by \`xianjie-gen collect-fill\`).

${MODEL_TEXT}

${r.table}

**Person's time: ${r.total.toFixed(1)} minutes** (model ${r.modelMin.toFixed(1)} + waiting ${r.waitMin.toFixed(1)}) for
${imported} graduates, in ${r.actions} actions — target ≤ 30 minutes and ≤ 300 actions:
${r.total <= 30 && r.actions <= 300 ? 'met' : 'NOT met'}.

What is not in it: the transfers themselves in 智慧团建 (outside the app), following up the
graduates left blocked (listed on 毕业生 › 暂不能转接, each with its rule), printing the PDFs.

Screens: \`docs/screenshots/collect-check.png\`, \`collect-returned.png\`, \`review-groups.png\`,
\`review-warnings.png\`, \`review-one-by-one.png\`, \`letters-batch.png\`.
`
  writeSection(join(root, 'docs/whole-job.md'), 'june', md)
  console.log(md)
  assert.ok(r.actions <= 300, `${r.actions} actions`)
  assert.ok(r.total <= 30, `${r.total.toFixed(1)} minutes`)
})
