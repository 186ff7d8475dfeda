// The whole-job specs' counting (June: whole-job.e2e.mjs, September: september.e2e.mjs):
// every user action is counted (clicks, fields typed and their characters, files chosen, keys,
// decisions) and every step timed, then priced by the keystroke-level model (Card, Moran &
// Newell): point and click 1.1 s, a keystroke 0.28 s, a decision (mental preparation) 1.35 s.
// A field typed is a click into it, a decision and its characters; a file chosen in the
// system dialog is a decision and three clicks. Both write their part of docs/whole-job.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import assert from 'node:assert/strict'
import { answerNextDialog, clickEnabled, input, sleep } from './common.mjs'

export const MODEL = { click: 1.1, key: 0.28, decision: 1.35 }

export const cost = (a) =>
  a.clicks * MODEL.click +
  a.keys * MODEL.key +
  a.decisions * MODEL.decision +
  a.fields * (MODEL.click + MODEL.decision) +
  a.chars * MODEL.key +
  a.files * (MODEL.decision + 3 * MODEL.click)

/** A counter of one person's actions in session `s`, step by step. */
export function counter(s) {
  const steps = []
  let cur = null
  const k = {
    steps,
    /** The step being counted (for actions counted by hand: a decision, a navigation). */
    current: () => cur,
    begin(name) {
      cur = { name, clicks: 0, keys: 0, decisions: 0, fields: 0, chars: 0, files: 0, waitMs: 0, t0: Date.now() }
      steps.push(cur)
    },
    end() {
      cur.wallMs = Date.now() - cur.t0
    },
    /** Time spent waiting for the app to answer (a person waits too). */
    async wait(p) {
      const t = Date.now()
      const v = await p
      cur.waitMs += Date.now() - t
      return v
    },
    async click(css) {
      await clickEnabled(s, css)
      cur.clicks++
    },
    async field(name, text) {
      const el = await s.find(input(name))
      await s.clearByKeys(el)
      await s.type(el, text)
      cur.fields++
      cur.chars += [...text].length
    },
    async choose(path) {
      await answerNextDialog(s, path)
      cur.files++
    },
    async key(name) {
      await s.exec('window.dispatchEvent(new KeyboardEvent("keydown", { key: arguments[0] }))', [name])
      cur.keys++
    },
    /** Opens an el-select (a click) and picks the option labelled `label` (a click). */
    async pickOption(selectCss, label) {
      await k.click(selectCss)
      await sleep(300)
      const clicked = await s.exec(
        `const o = [...document.querySelectorAll('.el-select-dropdown__item')].find((e) => e.offsetParent && e.textContent.trim() === arguments[0]);
         if (o) o.click(); return !!o`,
        [label],
      )
      assert.ok(clicked, `option ${label}`)
      cur.clicks++
      await sleep(300)
    },
    /** The first number in an element's text. */
    async count(css) {
      return Number((await s.text(await s.find(css))).match(/\d+/)?.[0] ?? 'NaN')
    },
    /** The steps' table, totals and the person's time in minutes. */
    report() {
      const sum = (key) => steps.reduce((n, x) => n + x[key], 0)
      const actions = (x) => x.clicks + x.keys + x.fields + x.files
      const rows = steps.map(
        (x) =>
          `| ${x.name} | ${x.clicks} | ${x.fields}（${x.chars} 字） | ${x.files} | ${x.keys} | ${x.decisions} | ${actions(x)} | ${(cost(x) / 60).toFixed(1)} | ${(x.waitMs / 60000).toFixed(1)} | ${(x.wallMs / 60000).toFixed(1)} |`,
      )
      const modelMin = steps.reduce((n, x) => n + cost(x), 0) / 60
      const waitMin = sum('waitMs') / 60000
      const totalActions = steps.reduce((n, x) => n + actions(x), 0)
      const table = `| step | clicks | fields typed | files | keys | decisions | actions | model (min) | waiting (min) | wall (min) |
|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}
| **total** | ${sum('clicks')} | ${sum('fields')}（${sum('chars')} 字） | ${sum('files')} | ${sum('keys')} | ${sum('decisions')} | **${totalActions}** | ${modelMin.toFixed(1)} | ${waitMin.toFixed(1)} | ${(sum('wallMs') / 60000).toFixed(1)} |`
      return { table, modelMin, waitMin, total: modelMin + waitMin, actions: totalActions }
    },
  }
  return k
}

/** The model's terms, as both parts of docs/whole-job.md state them. */
export const MODEL_TEXT = `Person's time by the keystroke-level model: a click ${MODEL.click} s (point and click), a key
${MODEL.key} s, a decision ${MODEL.decision} s; a typed field is a click, a decision and its
characters; a file chosen is a decision and three clicks. "Waiting" is the measured time the
window took to answer (debug build under Xvfb on the 2-core CI machine: pessimistic), added
to the person's time because she waits for it. "Wall" is the step's whole time in this run.`

/**
 * Writes `text` as the part `name` of the markdown file `path` (between
 * `<!-- name:begin -->` and `<!-- name:end -->`), keeping the other parts as they are.
 */
export function writeSection(path, name, text) {
  const begin = `<!-- ${name}:begin -->`
  const end = `<!-- ${name}:end -->`
  const block = `${begin}\n${text.trim()}\n${end}`
  const old = existsSync(path) ? readFileSync(path, 'utf8') : ''
  const at = old.indexOf(begin)
  const stop = old.indexOf(end)
  const next =
    at >= 0 && stop > at
      ? old.slice(0, at) + block + old.slice(stop + end.length)
      : `${old.trimEnd()}${old ? '\n\n' : ''}${block}\n`
  writeFileSync(path, next)
}
