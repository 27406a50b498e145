#!/usr/bin/env node
// Starts the sidecar from its TypeScript sources. Node 20 cannot run TypeScript by itself, and a
// compile step would mean a build to keep in step with src/ (and with @tandem/protocol, which is
// TypeScript too) on every operator's machine; tsx's loader, registered here in this very process,
// is what `node --import tsx` did before: no second process to relay signals through (the `tsx`
// command's relay SIGKILLs a server too busy to answer within 30 ms), so SIGTERM reaches main.ts.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
