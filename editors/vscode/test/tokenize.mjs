// Grammar test: tokenizes every shipped rules/**/*.rules file and the hand-written
// test/cases/*.rules with the TextMate engine VS Code uses (vscode-textmate +
// vscode-oniguruma), compares the tokens with the committed snapshots in
// test/snapshots/, and checks properties that must hold whatever the snapshot says.
//
//   node test/tokenize.mjs            fail with a diff on any difference
//   node test/tokenize.mjs --update   rewrite the snapshots (and the generated grammar)
//
// Snapshot format, one token a line: `LINE:COL "TEXT" SCOPE SCOPE…` with COL 1-based in
// UTF-16 units (as VS Code counts), the root scope `source.marrow` left out, and
// whitespace-only tokens left out (they carry no colour).

import { readFileSync, writeFileSync, readdirSync, statSync, existsSync, unlinkSync, mkdirSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { grammarJson, KEYWORDS, VERBS } from "../syntaxes/marrow.tmLanguage.mjs";

const require = createRequire(import.meta.url);
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const here = dirname(fileURLToPath(import.meta.url));
const extRoot = join(here, "..");
const repoRoot = join(extRoot, "..", "..");
const grammarPath = join(extRoot, "syntaxes", "marrow.tmLanguage.json");
const snapshotDir = join(here, "snapshots");
const update = process.argv.includes("--update");

const failures = [];
const fail = (msg) => failures.push(msg);

// ---------------------------------------------------------------- the generated grammar

if (update) {
  writeFileSync(grammarPath, grammarJson);
} else if (readFileSync(grammarPath, "utf8") !== grammarJson) {
  fail("syntaxes/marrow.tmLanguage.json is stale: run `node syntaxes/marrow.tmLanguage.mjs`");
}

// ---------------------------------------------------------------- the tokenizer

const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
const registry = new vsctm.Registry({
  onigLib: Promise.resolve({
    createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
    createOnigString: (s) => new oniguruma.OnigString(s),
  }),
  // The committed JSON, not the generator's object: that is what VS Code loads.
  loadGrammar: async (scopeName) =>
    scopeName === "source.marrow" ? vsctm.parseRawGrammar(readFileSync(grammarPath, "utf8"), grammarPath) : null,
});
const grammar = await registry.loadGrammar("source.marrow");

/** Lines of tokens: [{ line, col, text, scopes }], whitespace-only tokens dropped. */
function tokenize(source) {
  const out = [];
  let stack = vsctm.INITIAL;
  const lines = source.split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  lines.forEach((text, i) => {
    const r = grammar.tokenizeLine(text, stack);
    for (const t of r.tokens) {
      const tokText = text.slice(t.startIndex, t.endIndex);
      if (tokText.trim() === "") continue;
      out.push({ line: i + 1, col: t.startIndex + 1, text: tokText, scopes: t.scopes.slice(1) });
    }
    stack = r.ruleStack;
  });
  return out;
}

const render = (tokens) =>
  tokens.map((t) => `${t.line}:${t.col} ${JSON.stringify(t.text)} ${t.scopes.join(" ")}`.trimEnd()).join("\n") + "\n";

// ---------------------------------------------------------------- snapshots

function rulesFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir).sort()) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) found.push(...rulesFiles(p));
    else if (entry.endsWith(".rules")) found.push(p);
  }
  return found;
}

const inputs = [
  ...rulesFiles(join(repoRoot, "rules")),
  ...rulesFiles(join(repoRoot, "tutorials")),
  ...rulesFiles(join(here, "cases")),
];
if (!inputs.some((p) => p.includes(`${sep}osseointegration${sep}`))) fail("no shipped rules found under rules/");

// `rules/osseointegration/bone.rules` → `rules__osseointegration__bone.rules.tokens`
const snapshotName = (p) => {
  const rel = p.startsWith(here) ? relative(here, p) : relative(repoRoot, p);
  return rel.split(sep).join("__") + ".tokens";
};

mkdirSync(snapshotDir, { recursive: true });
const expected = new Set();
for (const input of inputs) {
  const name = snapshotName(input);
  expected.add(name);
  const actual = render(tokenize(readFileSync(input, "utf8")));
  const snap = join(snapshotDir, name);
  if (update) {
    writeFileSync(snap, actual);
  } else if (!existsSync(snap)) {
    fail(`${name}: no snapshot (run with --update and review it)`);
  } else {
    const committed = readFileSync(snap, "utf8");
    if (committed !== actual) fail(`${name} differs from the snapshot (- committed, + actual):\n${diff(committed, actual)}`);
  }
}
for (const name of readdirSync(snapshotDir).sort()) {
  if (expected.has(name)) continue;
  if (update) unlinkSync(join(snapshotDir, name));
  else fail(`${name}: snapshot of a file that no longer exists`);
}

/** A unified diff with 2 lines of context, enough to see what moved. */
function diff(a, b) {
  const x = a.split("\n"), y = b.split("\n");
  let pre = 0;
  while (pre < x.length && pre < y.length && x[pre] === y[pre]) pre++;
  let suf = 0;
  while (suf < x.length - pre && suf < y.length - pre && x[x.length - 1 - suf] === y[y.length - 1 - suf]) suf++;
  const xs = x.slice(pre, x.length - suf), ys = y.slice(pre, y.length - suf);
  // LCS of the differing middle; past a size where that gets slow, show it as replaced.
  const ops = [];
  if (xs.length * ys.length <= 4e6) {
    const n = xs.length, m = ys.length;
    const L = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--) L[i][j] = xs[i] === ys[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
    let i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && xs[i] === ys[j]) ops.push(`  ${xs[i++]}`), j++;
      else if (j < m && (i === n || L[i][j + 1] >= L[i + 1][j])) ops.push(`+ ${ys[j++]}`);
      else ops.push(`- ${xs[i++]}`);
    }
  } else {
    ops.push(...xs.map((l) => `- ${l}`), ...ys.map((l) => `+ ${l}`));
  }
  const ctx = 2;
  const before = x.slice(Math.max(0, pre - ctx), pre).map((l) => `  ${l}`);
  const after = x.slice(x.length - suf, x.length - suf + ctx).map((l) => `  ${l}`);
  const lines = [`@@ snapshot line ${pre + 1} @@`, ...before, ...ops, ...after];
  const max = 80;
  return (lines.length > max ? [...lines.slice(0, max), `… ${lines.length - max} more lines`] : lines).join("\n");
}

// Every line of the shipped rules opens a construct the grammar knows: a statement, a
// keyword-led line, a brace or a comment. A line that only the fallback names would mean a
// form of the language the grammar has missed (and coloured wrongly).
{
  const construct = /^(meta\.statement|storage\.type|keyword\.control|keyword\.other\.when|comment\.line|punctuation\.section\.block)\./;
  for (const input of inputs.filter((p) => !p.startsWith(here))) {
    const firstOfLine = new Map();
    for (const t of tokenize(readFileSync(input, "utf8"))) if (!firstOfLine.has(t.line)) firstOfLine.set(t.line, t);
    for (const t of firstOfLine.values())
      if (!t.scopes.some((s) => construct.test(s)))
        fail(`${relative(repoRoot, input)}:${t.line}: line starts with ${JSON.stringify(t.text)} [${t.scopes.join(", ")}], no construct`);
  }
}

// ---------------------------------------------------------------- properties

const SCOPE = {
  activates: "keyword.operator.verb.activates.marrow",
  inhibits: "keyword.operator.verb.inhibits.marrow",
  carries: "keyword.operator.verb.carries.marrow",
  noEffect: "keyword.operator.verb.no-effect.marrow",
  other: "keyword.operator.verb.other.marrow",
  entity: "variable.other.entity.marrow",
  string: "string.quoted.double.marrow",
  comment: "comment.line.number-sign.marrow",
  citation: "meta.citation.marrow",
};

/** The token of `line` whose text is `text` (the nth such, 0-based). */
function tokenOf(line, text, nth = 0) {
  const hits = tokenize(line).filter((t) => t.text === text);
  if (hits.length <= nth) {
    fail(`${JSON.stringify(line)}: no token ${JSON.stringify(text)}; tokens: ${render(tokenize(line)).trim().replaceAll("\n", " | ")}`);
    return { scopes: [] };
  }
  return hits[nth];
}
function expectScope(line, text, scope, nth = 0) {
  const t = tokenOf(line, text, nth);
  if (t.scopes.length && !t.scopes.includes(scope))
    fail(`${JSON.stringify(line)}: ${JSON.stringify(text)} should have ${scope}, has [${t.scopes.join(", ")}]`);
}
function expectNoScope(line, text, scopePrefix, nth = 0) {
  const t = tokenOf(line, text, nth);
  const bad = t.scopes.filter((s) => s.startsWith(scopePrefix));
  if (bad.length) fail(`${JSON.stringify(line)}: ${JSON.stringify(text)} should not have ${scopePrefix}*, has [${bad.join(", ")}]`);
}

// The grammar's word lists are copies of the implementation's; a verb or keyword added
// there and not here would silently lose its colour.
{
  const rust = readFileSync(join(repoRoot, "src", "syntax", "lexicon.rs"), "utf8");
  const builtins = [...rust.matchAll(/\("([^"]+)",\s*Relation::(\w+)\)/g)].map(([, w, r]) => `${w}=${r.toLowerCase()}`);
  const ours = Object.entries(VERBS).flatMap(([family, words]) => words.map((w) => `${w}=${family}`));
  if (builtins.length < 20) fail(`found only ${builtins.length} BUILTIN_VERBS in src/syntax/lexicon.rs`);
  if (builtins.sort().join(" ") !== ours.sort().join(" "))
    fail(`verb families differ from BUILTIN_VERBS:\n  rust:    ${builtins.join(" ")}\n  grammar: ${ours.join(" ")}`);

  const pest = readFileSync(join(repoRoot, "grammar", "marrow.pest"), "utf8");
  const rule = /^keyword\s*=\s*@\{([\s\S]*?)\}\s*$/m.exec(pest);
  const pestKeywords = rule ? [...rule[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]) : [];
  if (pestKeywords.length < 10) fail("could not read the `keyword` rule of grammar/marrow.pest");
  if ([...pestKeywords].sort().join(" ") !== [...KEYWORDS].sort().join(" "))
    fail(`keywords differ from grammar/marrow.pest:\n  pest:    ${pestKeywords.join(" ")}\n  grammar: ${KEYWORDS.join(" ")}`);
}

// Every verb word, in verb position, gets its family's scope, and as an object it is a name.
for (const [family, words] of Object.entries(VERBS)) {
  for (const w of words) {
    expectScope(`miR-223 ${w} PKNOX1`, w, SCOPE[family]);
    expectScope(`miR-223 promotes ${w}`, w, SCOPE.entity, w === "promotes" ? 1 : 0);
  }
}
expectScope("miR-223 inhibits PKNOX1", "inhibits", SCOPE.inhibits);
expectScope("PKNOX1 promotes IL-1β, IL-18", "promotes", SCOPE.activates);
expectScope("BMSC-exosome carries miR-223", "carries", SCOPE.carries);
expectScope("DMOG-exosome does not affect endothelial-proliferation", "does not affect", SCOPE.noEffect);
expectScope("M0 polarizes-toward M2", "polarizes-toward", SCOPE.other);
expectScope("verb polarizes-toward = activates", "activates", SCOPE.activates);
expectScope("verb dampens = targets", "targets", SCOPE.inhibits);
expectScope('"M2 polarization" inhibits M1', "inhibits", SCOPE.inhibits);
expectScope("context macrophage { IL-10 promotes M2 }", "promotes", SCOPE.activates);
expectScope("  STAT6 inhibits M1-polarization  # in a block", "inhibits", SCOPE.inhibits);
expectScope("rule r: ?x up, ?x inhibits ?y => ?y down", "inhibits", SCOPE.inhibits);
expectScope("rule r: ?x up, ?x inhibits ?y => ?y down", "?y", "variable.parameter.marrow");
expectScope("rule r: ?x up, ?x inhibits ?y => ?y down", "=>", "keyword.operator.implies.marrow");
// The sign shows in ordinary themes through the second scope.
expectScope("a inhibits b", "inhibits", "markup.deleted.verb.marrow");
expectScope("a promotes b", "promotes", "markup.inserted.verb.marrow");

// `#` is a comment only outside quotes and citations.
for (const line of ['entity X aka "a # b"', '"a # b" promotes X', "X promotes Y [see #3; Ye, 2018]"]) {
  for (const t of tokenize(line)) if (t.scopes.includes(SCOPE.comment)) fail(`${JSON.stringify(line)}: ${JSON.stringify(t.text)} is a comment`);
}
expectScope('"a # b" promotes X', "a # b", SCOPE.string);
expectScope("X promotes Y  # note", " note", SCOPE.comment);
expectScope('X promotes "Y" # note', "#", SCOPE.comment);

expectScope("# marrow: scenario hypoxic-exosomes", "hypoxic-exosomes", "entity.name.section.scenario.marrow");
expectScope("# marrow: scenario hypoxic-exosomes", "hypoxic-exosomes", SCOPE.comment);

// One citation block is one scope, `;` and all, and nothing past `]` belongs to it.
{
  const line = "PKNOX1 promotes IL-1β [Ye et al., 2018; Xue et al., 2020] confidence high";
  const toks = tokenize(line);
  const inBlock = toks.filter((t) => t.scopes.includes(SCOPE.citation));
  const text = inBlock.map((t) => t.text).join("");
  const start = line.indexOf("[");
  if (line.slice(start, start + text.length) !== text || text !== "[Ye et al., 2018; Xue et al., 2020]")
    fail(`citation block tokens spell ${JSON.stringify(text)}`);
  const opens = inBlock.filter((t) => t.scopes.includes("punctuation.definition.citation.begin.marrow"));
  if (opens.length !== 1) fail(`citation block has ${opens.length} openings`);
  expectScope(line, ";", "punctuation.separator.citation.marrow");
  expectScope(line, "high", "constant.language.confidence.marrow");
  expectNoScope(line, "high", SCOPE.citation);
  expectScope("X promotes Y [PMID:123; doi:10.1/x]", "PMID:123", "markup.underline.link.citation.marrow");
}

// Keywords are whole words; names may contain them.
expectScope("in-vivo promotes up-regulation", "in-vivo", SCOPE.entity);
expectScope("in-vivo promotes up-regulation", "up-regulation", SCOPE.entity);
expectScope("IL-1β promotes NF-κB, Wnt/β-catenin", "IL-1β", SCOPE.entity);
expectScope("IL-1β promotes NF-κB, Wnt/β-catenin", "Wnt/β-catenin", SCOPE.entity);
expectScope("X promotes Y in macrophage when hypoxia up", "in", "keyword.other.in.marrow");
expectScope("X promotes Y in macrophage when hypoxia up", "when", "keyword.other.when.marrow");
expectScope("X promotes Y in macrophage when hypoxia up", "up", "constant.language.state.up.marrow");
expectScope("X promotes Y confidence 0.85", "0.85", "constant.numeric.confidence.marrow");
expectScope("X promotes Y disputed", "disputed", "keyword.other.disputed.marrow");

// Declarations and scenario items.
expectScope("entity miR-223 : miRNA aka miR-233", "miRNA", "entity.name.type.kind.marrow");
expectScope("entity miR-223 : miRNA aka miR-233", "miR-223", "entity.name.entity.marrow");
expectScope("entity miR-223 : miRNA aka miR-233", "aka", "keyword.other.aka.marrow");
expectScope('scenario s "t" {', "s", "entity.name.section.scenario.marrow");
expectScope("  knockout PKNOX1", "knockout", "keyword.control.knockout.marrow");
expectScope("  with disputed", "with", "keyword.control.with.marrow");
expectScope("  max steps 12", "12", "constant.numeric.marrow");
expectScope("  expect X conflicting leaning up", "leaning", "keyword.other.leaning.marrow");
expectScope("  expect X conflicting leaning up", "conflicting", "constant.language.net.conflicting.marrow");
expectScope("  expect IL-1β down via PKNOX1", "via", "keyword.other.via.marrow");
expectScope("  expect not X up", "not", "keyword.other.not.marrow");

// ---------------------------------------------------------------- result

const nSnap = inputs.length;
if (failures.length) {
  for (const f of failures) console.error(`FAIL ${f}\n`);
  console.error(`grammar test: ${failures.length} failure(s)`);
  if (failures.some((f) => f.includes("snapshot")))
    console.error("A changed .rules file changes its tokens: `editors/vscode/test/run.sh --update`, then read the snapshot diff.");
  process.exit(1);
}
console.log(`grammar test: ${update ? "updated" : "matched"} ${nSnap} token snapshots; properties hold`);
