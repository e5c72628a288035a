// A drill's outcome: named checks, each passed or not with what it saw, and the figures.
export class Report {
  constructor(name, purpose) {
    this.name = name;
    this.purpose = purpose;
    this.checks = [];
    this.figures = {};
  }

  check(claim, passed, detail = '') {
    this.checks.push({ claim, passed: Boolean(passed), detail });
  }

  figure(name, value) {
    this.figures[name] = value;
  }

  get passed() {
    return this.checks.length > 0 && this.checks.every((c) => c.passed);
  }

  print() {
    console.log(`\n${this.passed ? 'PASS' : 'FAIL'}  ${this.name}: ${this.purpose}`);
    for (const c of this.checks) console.log(`  ${c.passed ? 'ok  ' : 'FAIL'} ${c.claim}${c.detail ? ` (${c.detail})` : ''}`);
    for (const [name, value] of Object.entries(this.figures)) {
      console.log(`  - ${name}: ${typeof value === 'object' ? JSON.stringify(value) : value}`);
    }
  }
}
