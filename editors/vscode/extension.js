// Starts `honyaku lsp` for Fluent files. Plain JavaScript, so there is nothing to compile:
// `npm install` here, then copy or link this folder into ~/.vscode/extensions/.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("honyaku").get("path", "honyaku");
  const server = { command, args: ["lsp"] };
  client = new LanguageClient(
    "honyaku",
    "honyaku",
    { run: server, debug: server },
    { documentSelector: [{ scheme: "file", language: "fluent" }] }
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
