// XLSX files for the tests through tests/lib/xlsx.py (Python's zipfile,
// written by hand): make one from rows, read the rows of one.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PY = join(dirname(fileURLToPath(import.meta.url)), 'xlsx.py');

export function makeXlsx(rows) {
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-xlsx-'));
  try {
    const file = join(dir, 'out.xlsx');
    execFileSync('python3', [PY, 'make', file], { input: JSON.stringify(rows) });
    return readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function readXlsx(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-xlsx-'));
  try {
    const file = join(dir, 'in.xlsx');
    writeFileSync(file, bytes);
    return JSON.parse(execFileSync('python3', [PY, 'read', file], { encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Text in GBK (GB18030), as Chinese Excel saves CSV.
export function gbk(text) {
  return execFileSync('python3', ['-c', 'import sys; sys.stdout.buffer.write(sys.stdin.read().encode("gb18030"))'],
    { input: text });
}
