import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { type Crosswalk, parseCrosswalk } from './crosswalk';
import { FrameworkFormatError } from './errors';
import { parseFramework, type LoadedFramework } from './framework';
import { parseGuidance, type LoadedGuidance } from './guidance';

// src/ and dist/ are siblings of data/, so the same relative path works compiled or not.
export const DATA_DIR = resolve(__dirname, '..', 'data');
/** Test fixtures: framework versions and crosswalks that are never bundled (see fixtures/README.md). */
export const FIXTURES_DIR = resolve(__dirname, '..', 'fixtures');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => join(dir, name));
}

export function loadFrameworkFile(path: string): LoadedFramework {
  return parseFramework(readFileSync(path, 'utf8'), path);
}

export function loadGuidanceFile(path: string): LoadedGuidance {
  return parseGuidance(readFileSync(path, 'utf8'), path);
}

/** The file name is the identity (key@version.yaml), so two files can never claim one version. */
export function loadBundledFrameworks(dir = join(DATA_DIR, 'frameworks')): LoadedFramework[] {
  return yamlFiles(dir).map((file) => {
    const fw = loadFrameworkFile(file);
    const expected = `${fw.key}@${fw.version}.yaml`;
    if (basename(file) !== expected) throw new FrameworkFormatError(file, [`(file): must be named ${expected}`]);
    return fw;
  });
}

export function loadBundledGuidance(dir = join(DATA_DIR, 'guidance')): LoadedGuidance[] {
  return yamlFiles(dir).map((file) => {
    const guidance = loadGuidanceFile(file);
    const expected = `${guidance.key}.yaml`;
    if (basename(file) !== expected) throw new FrameworkFormatError(file, [`(file): must be named ${expected}`]);
    return guidance;
  });
}

/** A crosswalk file must be named <framework>@<from>--<to>.yaml after what it says inside. */
export function loadCrosswalkFile(path: string): Crosswalk {
  const crosswalk = parseCrosswalk(readFileSync(path, 'utf8'), path);
  const expected = `${crosswalk.framework}@${crosswalk.from}--${crosswalk.to}.yaml`;
  if (basename(path) !== expected) throw new FrameworkFormatError(path, [`(file): must be named ${expected}`]);
  return crosswalk;
}

export function loadBundledCrosswalks(dir = join(DATA_DIR, 'crosswalks')): Crosswalk[] {
  return yamlFiles(dir).map(loadCrosswalkFile);
}

/** The test fixtures' framework versions and crosswalks (not bundled: tests import them themselves). */
export function loadFixtures(dir = FIXTURES_DIR): { frameworks: LoadedFramework[]; crosswalks: Crosswalk[] } {
  return { frameworks: loadBundledFrameworks(join(dir, 'frameworks')), crosswalks: loadBundledCrosswalks(join(dir, 'crosswalks')) };
}
