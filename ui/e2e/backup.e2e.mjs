// Real-window E2E, 设置 › 数据备份: with the demo school, back up now, see the snapshot listed,
// restore it after the confirmation (the current state is kept as a snapshot), export the
// whole store to a file under a passphrase (issue 25: the strength hint shown, the file not
// SQLite in clear); a screenshot settings-backup.png.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import assert from 'node:assert/strict'
import { spec, startDemo, go, answerNextDialog, sleep, input, clickEnabled } from './common.mjs'

await spec(async ({ s, dataDir, shot }) => {
  await startDemo(s)
  await go(s, '/settings', 'settings')
  await s.click(await s.find('#tab-backup'))
  await s.find('[data-test="backup-panel"]')
  await s.click(await s.find('[data-test="backup-create"]'))
  // Each row's 恢复 button carries the snapshot id (…-manual, …-before-restore).
  await s.find('[data-test^="backup-restore-"][data-test$="-manual"]', 30_000)

  // Restore the manual snapshot: the confirmation, then the message and a 恢复前 snapshot.
  await s.click(await s.find('[data-test^="backup-restore-"][data-test$="-manual"]'))
  await s.click(await s.find('.el-message-box__btns .el-button--primary', 10_000))
  await s.waitText('body', (t) => t.includes('已恢复'), 30_000)
  await s.find('[data-test^="backup-restore-"][data-test$="-before-restore"]', 30_000)
  await sleep(3500) // the success message fades
  await shot('settings-backup')

  // Export the whole store to one file (the dialog answered through the E2E hook).
  const file = join(dataDir, '迁移.xianjie')
  await s.click(await s.find('[data-test="backup-export"]'))
  const passphrase = 'lanshan-qiuyu-tiehe-47'
  await s.type(await s.find(input('backup-passphrase')), passphrase)
  await s.type(await s.find(input('backup-passphrase-again')), passphrase)
  await s.waitText('[data-test="backup-strength"]', (t) => t.includes('无法找回'), 15_000)
  await answerNextDialog(s, file)
  await clickEnabled(s, '[data-test="backup-export-confirm"]')
  await s.waitText('body', (t) => t.includes('已导出到'), 60_000)
  assert.ok(existsSync(file), 'the exported file exists')
  assert.equal(readFileSync(file).subarray(0, 21).toString('latin1'), 'age-encryption.org/v1', 'protected')
})
