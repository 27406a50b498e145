// The baseline of `npm run bench:sidecar`: the sidecar's push and pull routes on a bare Fastify
// (the same fastify package, started the same way: `node --import tsx`, one process) that answer
// `{}` and do nothing else: no validation, no authentication, no store, no logging, no hooks.
// Fastify still parses the JSON body of a push, as it does for the sidecar.
//
// Listens on 127.0.0.1 on a free port and prints one JSON line with its address (the bench waits
// for it); SIGTERM or SIGINT close it.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.post('/v1/spaces/:spaceId/push', async () => ({}));
app.get('/v1/spaces/:spaceId/pull', async () => ({}));

const stop = () => {
  void app.close().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

const address = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(JSON.stringify({ msg: 'bare fastify listening', address }));
