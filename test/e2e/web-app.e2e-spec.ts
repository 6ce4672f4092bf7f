import { get, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * The web app as the API serves it (serveWebApp): a built dist/web stand-in with one hashed asset
 * and its precompressed copies, as scripts/compress-web.js writes them.
 */
describe('the web app at /', () => {
  let app: TestApp;
  let directory: string;
  const script = `console.log(${JSON.stringify('看板 '.repeat(400))});\n`;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'estate-web-'));
    mkdirSync(join(directory, 'assets'));
    writeFileSync(join(directory, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(directory, 'assets', 'index-abc123.js'), script);
    writeFileSync(join(directory, 'assets', 'index-abc123.js.br'), brotliCompressSync(script));
    writeFileSync(join(directory, 'assets', 'index-abc123.js.gz'), gzipSync(script));
    writeFileSync(join(directory, 'assets', 'plain-def456.css'), 'body{margin:0}');
    app = await createTestApp({ environment: { WEB_DIST: directory } });
  });

  afterAll(async () => {
    await app.close();
    rmSync(directory, { recursive: true, force: true });
  });

  /** A GET with node's own client, which (unlike supertest) leaves the body as it was sent. */
  async function fetchRaw(path: string, acceptEncoding: string) {
    const server = app.app.getHttpServer() as Server;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new Promise<{ headers: IncomingHttpHeaders; body: Buffer; status: number }>((resolve, reject) => {
      get({ host: '127.0.0.1', port, path, headers: { 'Accept-Encoding': acceptEncoding } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            headers: response.headers,
            body: Buffer.concat(chunks),
            status: response.statusCode ?? 0,
          }),
        );
      }).on('error', reject);
    });
  }

  it('sends the Brotli copy to a browser that accepts br, cached for a year', async () => {
    const response = await fetchRaw('/assets/index-abc123.js', 'gzip, deflate, br, zstd');
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/^(application|text)\/javascript/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers.vary).toMatch(/Accept-Encoding/);
    expect(brotliDecompressSync(response.body).toString()).toBe(script);
  });

  it('sends gzip to a client without br, and the file itself to one that accepts neither', async () => {
    const gz = await fetchRaw('/assets/index-abc123.js', 'gzip, deflate');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);

    const plain = await fetchRaw('/assets/index-abc123.js', 'identity');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/);
    expect(plain.body.toString()).toBe(script);
  });

  it('sends an asset without compressed copies as it is', async () => {
    const response = await app.http.get('/assets/plain-def456.css').set('Accept-Encoding', 'br').expect(200);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.text).toBe('body{margin:0}');
  });

  it('answers client routes with index.html, never cached, and leaves the API its JSON 404', async () => {
    const page = await app.http.get('/e/SUNSHINE/work-orders/123').set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('<div id="root">');
    expect(page.headers['cache-control']).toBe('no-cache');

    const api = await app.http.get('/api/v1/no-such-thing').set('Accept', 'text/html,*/*').expect(404);
    expect(api.body).toMatchObject({ statusCode: 404 });

    await app.http.get('/assets/missing-000000.js').set('Accept-Encoding', 'br').expect(404);
  });
});
