// The hub's desktop API, under the agent's session cookie.

export async function api(method, path, body, extraHeaders = {}) {
  const response = await fetch(path, {
    method, credentials: 'same-origin',
    headers: { ...(body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' }), ...extraHeaders },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  return { ok: response.ok, status: response.status, data };
}

export function problemText(result) {
  const d = result.data;
  if (d && d.errors) return Object.values(d.errors).flat().join('; ');
  return (d && (d.detail || d.title)) || String(result.status);
}
