// Source of syntaxes/marrow.tmLanguage.json. TextMate grammars cannot share regex
// fragments, and the Unicode name classes below appear in most rules, so the JSON is
// generated from here: `node syntaxes/marrow.tmLanguage.mjs` rewrites it, and
// test/tokenize.mjs fails when the committed JSON is stale.
//
// It follows grammar/marrow.pest and docs/language.md (`disputed`, `leans`, `with
// disputed`, `max steps` included). A file is a sequence of
// segments, split at line ends and at `{` / `}`; every construct below starts a segment
// (`SEG`) and runs to the end of its line or to the next brace, so a statement after
// `context C {` on the same line is still a statement.

import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

// ---------------------------------------------------------------- regex fragments

const NAME_CHAR = String.raw`[\p{L}\p{M}\p{N}]`;
const JOINER = String.raw`[-_/.'+:]`;
const NAME_CONT = String.raw`[\p{L}\p{M}\p{N}\-_/.'+:]`;
// A keyword or verb must be a whole word: `in-vivo` and `IL-1β-in` are names.
const END = `(?!${NAME_CONT})`;
const START = `(?<!${NAME_CONT})`;
const WORD = `${NAME_CHAR}+(?:${JOINER}+${NAME_CHAR}+)*[+']*`;
const QUOTED = String.raw`"(?:[^"\\]|\\.)*"`;
// grammar/marrow.pest `keyword`: these are never bare names.
export const KEYWORDS = [
  "in", "when", "and", "then", "up", "down", "not", "via", "confidence", "given",
  "knockout", "overexpress", "expect", "context", "scenario", "rule", "entity",
  "outcome", "verb", "include", "aka", "why",
];
const KEYWORD = `(?:${KEYWORDS.join("|")})${END}`;
const BARE = `(?!${KEYWORD})${WORD}`;
const NAME = `(?:${QUOTED}|${BARE})`;
const VARIABLE = String.raw`\?${NAME_CHAR}+(?:[-_]${NAME_CHAR}+)*`;
const NUMBER = String.raw`-?(?:\d+(?:\.\d*)?|\.\d+)(?![\p{L}\p{M}\p{N}._\-])`;
// Segment start: line start or just after a brace.
const SEG = String.raw`(?:^|(?<=[{}]))\s*`;
// Where a segment ends; every line construct stops here.
const SEG_END = String.raw`(?=[{}])|$`;

// The verb families (the same list as BUILTIN_VERBS in src/syntax/lexicon.rs;
// the test checks that). Each family gets its own scope, and a second, conventional
// `markup.*` scope that every common theme colours (green / red / blue, as in a diff), so
// verbs show their sign without any theme support for `.marrow` scopes.
export const VERBS = {
  activates: ["activates", "promotes", "induces", "increases", "upregulates", "enhances", "stimulates", "drives"],
  inhibits: ["inhibits", "suppresses", "represses", "decreases", "downregulates", "reduces", "blocks", "attenuates", "targets"],
  carries: ["carries", "contains", "delivers", "releases", "secretes"],
};
const VERB_SCOPE = {
  activates: "keyword.operator.verb.activates.marrow markup.inserted.verb.marrow",
  inhibits: "keyword.operator.verb.inhibits.marrow markup.deleted.verb.marrow",
  carries: "keyword.operator.verb.carries.marrow markup.changed.verb.marrow",
  noEffect: "keyword.operator.verb.no-effect.marrow markup.italic.verb.marrow",
  // A word added with `verb NEW = RELATION`: its sign is known only to the server.
  other: "keyword.operator.verb.other.marrow",
};
const NO_EFFECT = String.raw`does\s+not\s+affect${END}`;

const kw = (word, scope) => ({ match: `${START}${word}${END}`, name: scope });
const kwScope = (word) => `keyword.other.${word}.marrow`;

// ---------------------------------------------------------------- repository

const repository = {
  comment: {
    // `#` to end of line; inside quotes and citations it is text (those rules consume it first).
    patterns: [
      {
        // `# marrow: scenario NAME` picks the scenario the language server's hover uses.
        match: `(#)\\s*(marrow:\\s*scenario)\\s+(${WORD}).*$`,
        name: "comment.line.number-sign.marrow meta.directive.scenario.marrow",
        captures: {
          1: { name: "punctuation.definition.comment.marrow" },
          2: { name: "keyword.other.directive.marrow" },
          3: { name: "entity.name.section.scenario.marrow" },
        },
      },
      {
        match: "(#).*$",
        name: "comment.line.number-sign.marrow",
        captures: { 1: { name: "punctuation.definition.comment.marrow" } },
      },
    ],
  },
  string: {
    begin: '"',
    end: '"|$',
    name: "string.quoted.double.marrow",
    beginCaptures: { 0: { name: "punctuation.definition.string.begin.marrow" } },
    endCaptures: { 0: { name: "punctuation.definition.string.end.marrow" } },
    patterns: [{ match: String.raw`\\["\\]`, name: "constant.character.escape.marrow" }],
  },
  citations: {
    // One block `[a; b]`: free text per citation, no comments or quotes inside.
    begin: String.raw`\[`,
    end: String.raw`\]|$`,
    name: "meta.citation.marrow",
    contentName: "string.unquoted.citation.marrow",
    beginCaptures: { 0: { name: "punctuation.definition.citation.begin.marrow" } },
    endCaptures: { 0: { name: "punctuation.definition.citation.end.marrow" } },
    patterns: [
      { match: ";", name: "punctuation.separator.citation.marrow" },
      // Identifiers kept as written (PMID:123, doi:10.…, PMC…): link-like, so they stand out.
      { match: String.raw`${START}(?:(?i:pmid|pmcid|doi|arxiv|isbn):\s*[^\s;\]]+|PMC\d+)`, name: "markup.underline.link.citation.marrow" },
      { match: String.raw`\[`, name: "invalid.illegal.nested-citation.marrow" },
    ],
  },
  name: {
    patterns: [
      { include: "#string" },
      { match: `${START}${BARE}`, name: "variable.other.entity.marrow" },
    ],
  },
  variable: { match: `${START}${VARIABLE}`, name: "variable.parameter.marrow" },
  number: { match: `${START}${NUMBER}`, name: "constant.numeric.marrow" },
  comma: { match: ",", name: "punctuation.separator.comma.marrow" },
  state: {
    patterns: [
      kw("up", "constant.language.state.up.marrow"),
      kw("down", "constant.language.state.down.marrow"),
    ],
  },
  net: {
    patterns: [
      { include: "#state" },
      kw("conflicting", "constant.language.net.conflicting.marrow"),
      kw("unaffected", "constant.language.net.unaffected.marrow"),
    ],
  },
  confidence: {
    // `confidence high` / `confidence 0.8`; a rule may follow the word with its `:`.
    match: `${START}(confidence)${END}(?:\\s+(?:(high|medium|low)(?=[:\\s,\\]#}]|$)|(${NUMBER})))?`,
    captures: {
      1: { name: kwScope("confidence") },
      2: { name: "constant.language.confidence.marrow" },
      3: { name: "constant.numeric.confidence.marrow" },
    },
  },
  verb: {
    // A word in verb position, scoped by the relation it means.
    patterns: [
      { match: `${START}${NO_EFFECT}`, name: VERB_SCOPE.noEffect },
      ...Object.entries(VERBS).map(([family, words]) => ({
        match: `${START}(?:${words.join("|")})${END}`,
        name: VERB_SCOPE[family],
      })),
      { match: `${START}${WORD}`, name: VERB_SCOPE.other },
    ],
  },
  modifiers: {
    // What may follow a statement's objects, and a conjunction's head.
    patterns: [
      { include: "#comment" },
      { include: "#citations" },
      { include: "#confidence" },
      kw("in", kwScope("in")),
      kw("when", kwScope("when")),
      kw("disputed", kwScope("disputed")),
      { include: "#state" },
      { include: "#comma" },
      { include: "#name" },
    ],
  },

  // ------------------------------------------------------------ line constructs

  include: {
    begin: `${SEG}(include)${END}`,
    end: SEG_END,
    beginCaptures: { 1: { name: "keyword.control.import.marrow" } },
    patterns: [{ include: "#comment" }, { include: "#string" }],
  },
  "entity-declaration": {
    begin: `${SEG}(entity)${END}(?:\\s*(${NAME}))?`,
    end: SEG_END,
    beginCaptures: {
      1: { name: "storage.type.entity.marrow" },
      2: { name: "entity.name.entity.marrow", patterns: [{ include: "#string" }] },
    },
    patterns: [
      { include: "#comment" },
      {
        match: `(:)\\s*(${WORD})`,
        captures: {
          1: { name: "punctuation.separator.kind.marrow" },
          2: { name: "entity.name.type.kind.marrow" },
        },
      },
      kw("aka", kwScope("aka")),
      { include: "#comma" },
      { include: "#name" },
    ],
  },
  "outcome-declaration": {
    begin: `${SEG}(outcome)${END}`,
    end: SEG_END,
    beginCaptures: { 1: { name: "storage.type.outcome.marrow" } },
    patterns: [{ include: "#comment" }, { include: "#comma" }, { include: "#name" }],
  },
  "verb-declaration": {
    begin: `${SEG}(verb)${END}(?:\\s*(${WORD}))?(?:\\s*(=))?`,
    end: SEG_END,
    beginCaptures: {
      1: { name: "storage.type.verb.marrow" },
      2: { name: "entity.name.function.verb.marrow" },
      3: { name: "keyword.operator.assignment.marrow" },
    },
    patterns: [{ include: "#comment" }, { include: "#verb" }],
  },
  "context-block": {
    // `context C {`; without the brace (in a scenario) it selects contexts instead.
    match: `${SEG}(context)${END}\\s*(${NAME})\\s*(?=\\{)`,
    captures: {
      1: { name: "storage.type.context.marrow" },
      2: { name: "entity.name.section.context.marrow", patterns: [{ include: "#string" }] },
    },
  },
  "scenario-block": {
    begin: `${SEG}(scenario)${END}(?:\\s*(${WORD}))?`,
    end: SEG_END,
    beginCaptures: {
      1: { name: "storage.type.scenario.marrow" },
      2: { name: "entity.name.section.scenario.marrow" },
    },
    patterns: [{ include: "#comment" }, { include: "#string" }],
  },
  rule: {
    // `rule NAME [confidence X]: ATOM, ATOM… => ATOM`
    begin: `${SEG}(rule)${END}(?:\\s*(${NAME_CHAR}+(?:[-_.]${NAME_CHAR}+)*))?`,
    end: SEG_END,
    beginCaptures: {
      1: { name: "storage.type.rule.marrow" },
      2: { name: "entity.name.function.rule.marrow" },
    },
    patterns: [
      { include: "#comment" },
      { include: "#confidence" },
      { match: "=>", name: "keyword.operator.implies.marrow" },
      { match: ":", name: "punctuation.separator.rule.marrow" },
      { include: "#comma" },
      {
        // A relation atom `TERM VERB TERM`: the middle word is the verb.
        match: `(${VARIABLE}|${NAME})\\s+(?!(?:up|down)${END})(${WORD})\\s+(${VARIABLE}|${NAME})`,
        captures: {
          1: { patterns: [{ include: "#variable" }, { include: "#name" }] },
          2: { patterns: [{ include: "#verb" }] },
          3: { patterns: [{ include: "#variable" }, { include: "#name" }] },
        },
      },
      { include: "#variable" },
      { include: "#state" },
      { include: "#name" },
    ],
  },
  conjunction: {
    // `when A up and B down then C up …`
    begin: `${SEG}(when)${END}`,
    end: SEG_END,
    beginCaptures: { 1: { name: kwScope("when") } },
    patterns: [kw("and", kwScope("and")), kw("then", kwScope("then")), { include: "#modifiers" }],
  },
  "scenario-item": {
    patterns: [
      {
        begin: `${SEG}(given)${END}`,
        end: SEG_END,
        beginCaptures: { 1: { name: "keyword.control.given.marrow" } },
        patterns: [{ include: "#comment" }, { include: "#state" }, { include: "#comma" }, { include: "#name" }],
      },
      {
        // `context C, D` inside a scenario: select contexts
        begin: `${SEG}(knockout|overexpress|context)${END}`,
        end: SEG_END,
        beginCaptures: { 1: { name: "keyword.control.$1.marrow" } },
        patterns: [{ include: "#comment" }, { include: "#comma" }, { include: "#name" }],
      },
      {
        // expect X up|down|conflicting|unaffected, expect not X up, expect X leans up,
        // expect X conflicting leaning up, expect X up via Y
        begin: `${SEG}(expect)${END}`,
        end: SEG_END,
        beginCaptures: { 1: { name: "keyword.control.expect.marrow" } },
        patterns: [
          { include: "#comment" },
          kw("not", kwScope("not")),
          kw("via", kwScope("via")),
          kw("leans", kwScope("leans")),
          kw("leaning", kwScope("leaning")),
          { include: "#net" },
          { include: "#name" },
        ],
      },
      {
        // Not keywords in the pest grammar, so only the whole item is recognised.
        match: `${SEG}(with)\\s+(disputed)${END}(?=\\s*(?:#|[{}]|$))`,
        captures: { 1: { name: "keyword.control.with.marrow" }, 2: { name: kwScope("disputed") } },
      },
      {
        match: `${SEG}(max\\s+steps)${END}(?:\\s*(${NUMBER}))?(?=\\s*(?:#|[{}]|$))`,
        captures: { 1: { name: "keyword.control.max-steps.marrow" }, 2: { name: "constant.numeric.marrow" } },
      },
    ],
  },
  query: {
    // `marrow ask` / repl forms; harmless in files.
    patterns: [
      {
        begin: `${SEG}(why)${END}(?:\\s+(not)${END})?`,
        end: SEG_END,
        beginCaptures: { 1: { name: "keyword.control.query.marrow" }, 2: { name: kwScope("not") } },
        patterns: [{ include: "#comment" }, { include: "#state" }, { include: "#name" }],
      },
      {
        begin: `${SEG}(effect\\s+of)${END}`,
        end: SEG_END,
        beginCaptures: { 1: { name: "keyword.control.query.marrow" } },
        patterns: [{ include: "#comment" }, kw("on", kwScope("on")), { include: "#state" }, { include: "#name" }],
      },
      {
        begin: `${SEG}(path\\s+from)${END}`,
        end: SEG_END,
        beginCaptures: { 1: { name: "keyword.control.query.marrow" } },
        patterns: [{ include: "#comment" }, kw("to", kwScope("to")), { include: "#name" }],
      },
    ],
  },
  statement: {
    // SUBJECT VERB OBJECT[, OBJECT…] [in C] [when X [up|down]] [confidence …] [disputed] [cites]
    begin: `${SEG}(${NAME})\\s+(${NO_EFFECT}|(?!${KEYWORD})${WORD})`,
    end: SEG_END,
    beginCaptures: {
      1: { patterns: [{ include: "#name" }] },
      2: { patterns: [{ include: "#verb" }] },
    },
    name: "meta.statement.marrow",
    patterns: [{ include: "#modifiers" }],
  },
  braces: {
    patterns: [
      { match: String.raw`\{`, name: "punctuation.section.block.begin.marrow" },
      { match: String.raw`\}`, name: "punctuation.section.block.end.marrow" },
    ],
  },
};

export const grammar = {
  $schema: "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
  name: "marrow",
  scopeName: "source.marrow",
  fileTypes: ["rules"],
  comment: "Generated by syntaxes/marrow.tmLanguage.mjs; edit that file, not this one.",
  // Order matters where constructs overlap: keyword-led lines before statements, and
  // `with disputed` / `max steps N` / queries before a statement that would read them as
  // SUBJECT VERB OBJECT.
  patterns: [
    { include: "#comment" },
    { include: "#braces" },
    { include: "#include" },
    { include: "#entity-declaration" },
    { include: "#outcome-declaration" },
    { include: "#verb-declaration" },
    { include: "#context-block" },
    { include: "#scenario-block" },
    { include: "#rule" },
    { include: "#conjunction" },
    { include: "#scenario-item" },
    { include: "#query" },
    { include: "#statement" },
    // Anything else (a half-typed line) still shows its strings, citations and names.
    { include: "#modifiers" },
  ],
  repository,
};

export const grammarJson = JSON.stringify(grammar, null, 2) + "\n";

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = new URL("./marrow.tmLanguage.json", import.meta.url);
  writeFileSync(out, grammarJson);
  console.log(`wrote ${fileURLToPath(out)}`);
}
