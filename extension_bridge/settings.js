// The extension's saved settings: the app's port and the pairing token, in storage.local.

export const DEFAULT_PORT = 8765;

export async function loadSettings() {
  const saved = await chrome.storage.local.get({ port: DEFAULT_PORT, token: "" });
  return { port: Number(saved.port) || DEFAULT_PORT, token: saved.token };
}

export function validPort(value) {
  const port = Number(value);
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? port : null;
}

export async function savePort(port) {
  await chrome.storage.local.set({ port });
}

export async function saveToken(token) {
  await chrome.storage.local.set({ token });
}

export async function forgetToken() {
  await chrome.storage.local.remove("token");
}
