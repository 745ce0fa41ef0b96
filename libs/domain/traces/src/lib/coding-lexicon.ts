/**
 * A small lexicon of the words coding problems are described with, so that two agents who
 * word the same problem differently still meet: "can't" and "unable", "folder" and
 * "directory", "crashes" and "fails". Each group maps to one canonical word. The groups are
 * general vocabulary of bug reports and fixes (inflections, abbreviations, near-synonyms),
 * not words taken from any labelled pair; a word belongs to at most one group.
 */
const GROUPS: Record<string, string> = {
  fail: 'fail fails failed failing failure failures error errors crash crashes crashed crashing break breaks broke broken breaking',
  cannot: "cannot can't cant unable couldn't couldnt",
  install: 'install installs installed installing installation setup set-up',
  config: 'config configs configuration configurations configure configured configuring settings setting conf cfg',
  dir: 'dir dirs directory directories folder folders',
  repo: 'repo repos repository repositories',
  env: 'env envs environment environments',
  dependency: 'dependency dependencies dep deps',
  package: 'package packages pkg pkgs',
  library: 'library libraries lib libs',
  doc: 'doc docs documentation documented',
  db: 'db dbs database databases',
  auth: 'auth authentication authenticate authenticated authenticating',
  permission: 'permission permissions perm perms',
  variable: 'variable variables var vars',
  argument: 'argument arguments arg args parameter parameters param params',
  function: 'function functions func fn',
  message: 'message messages msg',
  request: 'request requests req',
  response: 'response responses resp res',
  application: 'application applications app apps',
  start: 'start starts started starting launch launches launched launching boot boots booted booting startup',
  upgrade: 'upgrade upgrades upgraded upgrading update updates updated updating bump bumps bumped bumping',
  remove: 'remove removes removed removing delete deletes deleted deleting',
  run: 'run runs ran running execute executes executed executing exec invoke invokes invoked',
  production: 'production prod',
  development: 'development dev',
  timeout: 'timeout timeouts',
  connect: 'connect connects connected connecting connection connections',
  invalid: 'invalid incorrect wrong bad malformed',
  missing: 'missing absent',
  fix: 'fix fixes fixed fixing solve solves solved solution workaround resolve resolves resolved',
  show: 'show shows showed shown display displays displayed print prints printed',
  slow: 'slow slower slowly sluggish',
  hang: 'hang hangs hung hanging stuck freeze freezes froze frozen',
  specify: 'specify specifies specified specifying provide provides provided providing',
  require: 'require requires required requiring need needs needed',
  use: 'use uses used using',
  change: 'change changes changed changing modify modifies modified edit edits edited',
  create: 'create creates created creating generate generates generated',
  file: 'file files',
  test: 'test tests tested testing spec specs',
  container: 'container containers',
  image: 'image images',
  build: 'build builds built building compile compiles compiled compiling',
};

const CANONICAL = new Map<string, string>();
for (const [canonical, words] of Object.entries(GROUPS)) for (const word of words.split(' ')) CANONICAL.set(word, canonical);

/** The canonical word for a lowercased word, or the word itself when it is in no group. */
export function canonicalWord(lower: string): string {
  return CANONICAL.get(lower) ?? lower;
}
