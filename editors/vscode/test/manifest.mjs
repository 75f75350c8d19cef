// Checks what VS Code itself would only report at install or activation time: the manifest
// points at files that exist, the pieces agree with each other (language id, scope name),
// the language configuration parses and its word pattern selects whole marrow names, and
// the client module loads with its runtime dependency.

import { readFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const failures = [];
const check = (ok, msg) => ok || failures.push(msg);
const json = (p) => JSON.parse(readFileSync(join(root, p), "utf8"));

const pkg = json("package.json");
const [lang] = pkg.contributes.languages;
const [gram] = pkg.contributes.grammars;
check(lang.id === "marrow" && lang.extensions.includes(".rules"), "language marrow with extension .rules");
check(gram.language === lang.id, "grammar is for the marrow language");
check(pkg.activationEvents.includes(`onLanguage:${lang.id}`), "activates on the marrow language");
for (const p of [pkg.main, gram.path, lang.configuration]) check(existsSync(join(root, p)), `${p} exists`);
check(json(gram.path).scopeName === gram.scopeName, "grammar scopeName matches package.json");
for (const key of ["marrow.path", "marrow.scenario", "marrow.trace.server"])
  check(key in pkg.contributes.configuration.properties, `setting ${key}`);
for (const c of pkg.contributes.commands) check(readFileSync(join(root, pkg.main), "utf8").includes(`"${c.command}"`), `command ${c.command} is registered`);
// Runtime dependencies ship in the extension; test tools must not.
check(Object.keys(pkg.dependencies).join() === "vscode-languageclient", "only vscode-languageclient at run time");
for (const [name, version] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }))
  check(/^\d+\.\d+\.\d+$/.test(version), `${name} pinned to an exact version (${version})`);

const conf = json(lang.configuration);
check(conf.comments.lineComment === "#", "`#` line comments");
const word = new RegExp(`^(?:${conf.wordPattern.pattern})$`, conf.wordPattern.flags);
for (const w of ["IL-1β", "NF-κB", "Wnt/β-catenin", "miR-211-3p", "HGNC:RUNX2", "IL-1β+", "?x", "let-7a"])
  check(word.test(w), `word pattern selects ${w} whole`);
for (const w of ["a b", "x,", "[y]"]) check(!word.test(w), `word pattern does not select ${JSON.stringify(w)}`);

// vscode-languageclient/node must resolve from the extension folder, and the client's
// exports must be there (the `vscode` module exists only inside the editor, so it is
// stubbed: every member is a constructible, callable stub, enough for the library's
// top-level `class … extends vscode.X` to load).
const stub = () =>
  new Proxy(function () {}, {
    get: (target, key) => (key === "then" ? undefined : key in target ? target[key] : (target[key] = stub())),
    construct: () => stub(),
    apply: () => stub(),
  });
const vscodeStub = stub();
const Module = require("node:module");
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === "vscode" ? vscodeStub : load.call(this, request, ...rest);
};
try {
  require.resolve("vscode-languageclient/node");
  const ext = require(join(root, pkg.main));
  check(typeof ext.activate === "function" && typeof ext.deactivate === "function", "client exports activate/deactivate");
} catch (err) {
  failures.push(`client does not load: ${err.message}`);
} finally {
  Module._load = load;
}

if (failures.length) {
  for (const f of failures) console.error(`FAIL ${f}`);
  process.exit(1);
}
console.log("manifest test: package.json, language configuration and client agree");
