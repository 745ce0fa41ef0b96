#!/usr/bin/env node
// Mints an admin token for the gateway's admin API (/api/v1/admin/…) and prints it with the hash
// that goes into the configuration. The token is shown here once; the server keeps only the hash.
//
//   node tools/admin/admin-token.mjs [--json]
//
// Send the token as `Authorization: Bearer <token>`. The gateway derives the same hash
// (libs/services/gateway/src/lib/auth/admin-token.ts; a spec there checks that both agree).
import { createHash, randomBytes } from 'node:crypto';

const token = 'ctadm_' + randomBytes(32).toString('base64url');
const sha256 = createHash('sha256').update(token, 'utf8').digest('hex');

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ token, sha256 }));
} else {
  console.log('Admin token (shown once: keep it where your operators keep secrets):');
  console.log(`  ${token}`);
  console.log("Put its hash in the gateway's configuration (all-in-one: the one process):");
  console.log(`  ADMIN_TOKEN_SHA256=${sha256}`);
}
