// Real-window E2E, 去向收集 (issue 18): the demo college's fill-in workbooks are exported (one
// per graduating branch), filled in by script as the branches would (xianjie-gen
// collect-fill), chosen all at once, checked, then written; every branch shows 已交回.
// Screenshot collect.png.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import assert from 'node:assert/strict'
import { spec, startDemo, go, answerNextDialog, waitMessage, clickEnabled } from './common.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
const gen = process.env.XIANJIE_GEN ?? join(root, 'target/debug/xianjie-gen')

await spec(async ({ s, dataDir, shot }) => {
  await startDemo(s)
  await go(s, '/collect', 'collect')
  const before = await s.waitText('[data-test="collect-summary"]', (t) => /[1-9]\d* 个毕业团支部/.test(t), 60_000)
  const branches = Number(before.match(/(\d+) 个毕业团支部/)[1])

  // 导出收集表: one workbook per graduating branch into the chosen folder.
  const out = join(dataDir, '收集表')
  mkdirSync(out, { recursive: true })
  await answerNextDialog(s, out)
  await clickEnabled(s, '[data-test="collect-export"]')
  await waitMessage(s, `已导出 ${branches} 个团支部的收集表`, 60_000)
  assert.equal(readdirSync(out).filter((f) => f.endsWith('.xlsx')).length, branches)

  // The branches fill them in and hand them back.
  const back = join(dataDir, '交回')
  execFileSync(gen, ['collect-fill', '--in', out, '--out', back])
  const files = readdirSync(back).filter((f) => f.endsWith('.xlsx')).map((f) => join(back, f))
  assert.equal(files.length, branches)

  // 读回: checked first, nothing written yet.
  await answerNextDialog(s, files.join('\n'))
  await clickEnabled(s, '[data-test="collect-pick"]')
  const checked = await s.waitText('[data-test="collect-result"]', (t) => t.includes('检查结果'), 60_000)
  assert.match(checked, /错误 0/, checked)
  const updated = Number((await s.text(await s.find('[data-test="collect-updated"]'))).trim())
  assert.ok(updated > 100, `应有大量去向待写入：${checked}`)
  await shot('collect', 600)

  // 写入: every branch has handed its workbook back.
  await clickEnabled(s, '[data-test="collect-write"]')
  await waitMessage(s, `已写入 ${updated} 人的毕业去向`, 60_000)
  await s.waitText('[data-test="collect-summary"]', (t) => t.includes('0 个未交回'), 30_000)
})
