-- Neovim's built-in LSP client (0.7+) opens a catalog, waits for honyaku's diagnostics, asks
-- for a hover and writes both as JSON for tests/lsp_clients.rs to check.
-- Environment: HONYAKU_BIN, CATALOG (the .ftl to open), HOVER_LINE (0-based), OUT (JSON file).
local bin = os.getenv("HONYAKU_BIN")
local catalog = os.getenv("CATALOG")
local hover_line = tonumber(os.getenv("HOVER_LINE"))
local out = os.getenv("OUT")

local function finish(result)
  local file = assert(io.open(out, "w"))
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd("qall!")
end

vim.cmd("edit " .. vim.fn.fnameescape(catalog))
local buf = vim.api.nvim_get_current_buf()
local root = vim.fn.fnamemodify(catalog, ":p:h:h:h")
local client_id = vim.lsp.start_client({ name = "honyaku", cmd = { bin, "lsp" }, root_dir = root })
if not client_id then
  finish({ error = "the client did not start" })
end
vim.lsp.buf_attach_client(buf, client_id)

local got = vim.wait(60000, function()
  return #vim.diagnostic.get(buf) > 0
end, 50)
local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local code = d.code
  if code == nil and d.user_data and d.user_data.lsp then
    code = d.user_data.lsp.code
  end
  table.insert(diagnostics, {
    line = d.lnum,
    col = d.col,
    severity = d.severity,
    code = code or vim.NIL,
    message = d.message,
  })
end

local params = {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  position = { line = hover_line, character = 2 },
}
local responses = vim.lsp.buf_request_sync(buf, "textDocument/hover", params, 20000) or {}
local hover = vim.NIL
for _, response in pairs(responses) do
  if response.result and response.result.contents then
    hover = response.result.contents.value
  end
end
vim.lsp.stop_client(client_id)
finish({ waited = got, diagnostics = diagnostics, hover = hover })
