/**
 * A local HTTP server that stands in for Stripe's API (this machine cannot reach api.stripe.com): it answers
 * the three calls the plugin makes — create customer, create Checkout Session, create billing-portal session —
 * with objects shaped as Stripe documents them, honours `Idempotency-Key` as Stripe does (the same key answers
 * the first response again), and records every request exactly as the SDK sent it.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'

export type RecordedRequest = {
  form: Record<string, string>
  headers: IncomingMessage['headers']
  method: string
  path: string
}

export type LocalStripeApi = {
  /** SDK options pointing at this server. */
  api: { host: string; port: number; protocol: 'http' }
  close(): Promise<void>
  /** Created customers (each distinct id once). */
  customers: string[]
  requests: RecordedRequest[]
  /** Answer the next n requests with a Stripe API error (500). */
  failNext(n: number): void
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    let text = ''
    req.setEncoding('utf8')
    req.on('data', (chunk) => (text += chunk))
    req.on('end', () => resolve(text))
    req.on('error', reject)
  })

export async function startLocalStripeApi(): Promise<LocalStripeApi> {
  const requests: RecordedRequest[] = []
  const customers: string[] = []
  const idempotent = new Map<string, unknown>()
  let failures = 0
  let n = 0
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req)
    const form = Object.fromEntries(new URLSearchParams(body))
    const path = (req.url ?? '').split('?')[0]!
    requests.push({ form, headers: req.headers, method: req.method ?? '', path })
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${++n}` })
      res.end(JSON.stringify(json))
    }
    if (failures > 0) {
      failures--
      return send(500, { error: { message: 'An unknown error occurred', type: 'api_error' } })
    }
    const key = req.headers['idempotency-key']
    const idemKey = typeof key === 'string' ? `${path}:${key}` : null
    if (idemKey && idempotent.has(idemKey)) return send(200, idempotent.get(idemKey))
    let answer: unknown
    if (req.method === 'POST' && path === '/v1/customers') {
      const id = `cus_local_${++n}`
      customers.push(id)
      answer = { id, object: 'customer', email: form.email ?? null, metadata: {}, livemode: false }
    } else if (req.method === 'POST' && path === '/v1/checkout/sessions') {
      const id = `cs_test_local_${++n}`
      answer = {
        id,
        object: 'checkout.session',
        client_reference_id: form.client_reference_id ?? null,
        customer: form.customer ?? null,
        mode: form.mode,
        status: 'open',
        url: `https://checkout.stripe.com/c/pay/${id}`,
      }
    } else if (req.method === 'POST' && path === '/v1/billing_portal/sessions') {
      const id = `bps_local_${++n}`
      answer = {
        id,
        object: 'billing_portal.session',
        customer: form.customer,
        return_url: form.return_url,
        url: `https://billing.stripe.com/p/session/${id}`,
      }
    } else {
      return send(404, {
        error: { message: `Unrecognized request URL (${req.method}: ${path}).`, type: 'invalid_request_error' },
      })
    }
    if (idemKey) idempotent.set(idemKey, answer)
    send(200, answer)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('no port')
  return {
    api: { host: '127.0.0.1', port: address.port, protocol: 'http' },
    close: () => new Promise((resolve) => server.close(() => resolve())),
    customers,
    failNext: (count) => {
      failures = count
    },
    requests,
  }
}
