"use strict";
// The client: runs `marrow lsp` over stdio for marrow documents. Everything the editor
// knows about the language beyond colours (diagnostics, hover, definitions, completion,
// formatting, …) comes from that server; this file only starts, configures and restarts it.
// Plain CommonJS so that the extension runs straight from the folder after `npm ci`.

const path = require("node:path");
const os = require("node:os");
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

/** @type {LanguageClient | undefined} */
let client;
/** One log channel for every server started in this window (restarts included). */
/** @type {vscode.LogOutputChannel | undefined} */
let output;

/** The binary from `marrow.path`: a bare name is looked up on PATH by the OS. */
function serverPath() {
  let p = vscode.workspace.getConfiguration("marrow").get("path") || "marrow";
  if (p === "~" || p.startsWith("~/")) p = path.join(os.homedir(), p.slice(1));
  // `./target/release/marrow` in a workspace setting means the workspace's build.
  if (!path.isAbsolute(p) && /[\\/]/.test(p)) {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (folder) p = path.join(folder.uri.fsPath, p);
  }
  return p;
}

/** What the server is told at start; it reads `marrow.*` again on every change. */
function settings() {
  const cfg = vscode.workspace.getConfiguration("marrow");
  return { scenario: cfg.get("scenario") || null };
}

async function start() {
  const command = serverPath();
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const run = { command, args: ["lsp"], transport: TransportKind.stdio, options: cwd ? { cwd } : {} };
  client = new LanguageClient(
    "marrow",
    "marrow language server",
    { run, debug: run },
    {
      documentSelector: [
        { scheme: "file", language: "marrow" },
        { scheme: "untitled", language: "marrow" },
      ],
      initializationOptions: settings(),
      synchronize: {
        // Pushes the `marrow` section with workspace/didChangeConfiguration, so a new
        // scenario setting reaches hover without a restart (a server may also pull it
        // with workspace/configuration, which the client answers by itself).
        configurationSection: "marrow",
        // Included files change on disk without being open.
        fileEvents: vscode.workspace.createFileSystemWatcher("**/*.rules"),
      },
      outputChannel: output,
    },
  );
  try {
    await client.start();
  } catch (err) {
    client = undefined;
    // Most often the binary is missing: say which one was tried and where to change it.
    const choice = await vscode.window.showErrorMessage(
      `marrow: could not start \`${command} lsp\` (${err?.message ?? err}). Colours still work; set marrow.path to the marrow binary.`,
      "Open settings",
    );
    if (choice === "Open settings") {
      await vscode.commands.executeCommand("workbench.action.openSettings", "marrow.path");
    }
  }
}

async function stop() {
  const c = client;
  client = undefined;
  if (c) await c.stop().catch(() => {});
}

async function restart() {
  await stop();
  await start();
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  output = vscode.window.createOutputChannel("marrow", { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("marrow.restartServer", restart),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // A different binary needs a new process; other settings travel over the protocol.
      if (e.affectsConfiguration("marrow.path")) restart();
    }),
  );
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
