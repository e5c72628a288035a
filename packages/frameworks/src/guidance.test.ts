import { parse, stringify } from 'yaml';
import {
  FrameworkFormatError,
  loadBundledFrameworks,
  loadBundledGuidance,
  parseGuidance,
  validateGuidanceLinks,
  type LoadedGuidance,
} from './index';
import { bundledGuidanceText, thrown, type Editable } from './__tests__/support';

const editedGuidance = (edit: (doc: Editable) => void) => {
  const doc = parse(bundledGuidanceText());
  edit(doc);
  return stringify(doc);
};

describe('bundled guidance: informal learning institutions', () => {
  let guidance: LoadedGuidance;

  beforeAll(() => {
    const all = loadBundledGuidance();
    expect(all.map((g) => g.key)).toEqual(['informal-learning-institutions']);
    guidance = all[0]!;
  });

  it('names its partner type and its source, with attribution', () => {
    expect(guidance.partnerType).toBe('INFORMAL_LEARNING_INSTITUTION');
    expect(guidance.file).toMatch(/informal-learning-institutions\.yaml$/);
    expect(guidance.source.title).toMatch(/ConnectedLib/);
    expect(guidance.source.title).toMatch(/3\.1 Informal learning institutions/);
    expect(guidance.source.publisher).toMatch(/University of Washington/);
    expect(guidance.source.publisher).toMatch(/University of Maryland/);
    expect(guidance.source.publisher).toMatch(/IMLS/);
    expect(guidance.source.attribution).toMatch(/Paraphrased/);
    expect(guidance.document.quotation?.attribution).toMatch(/Urban Midwest Library/);
  });

  it('has the opportunities and challenges with the references they cite', () => {
    const cited = (list: { key: string; references: number[] }[]) => list.map((p) => [p.key, p.references]);
    expect(cited(guidance.document.opportunities)).toEqual([
      ['similar-programmes-and-goals', [17, 18]],
      ['outreach-staff', [19]],
      ['new-audiences', [20]],
    ]);
    expect(cited(guidance.document.challenges)).toEqual([
      ['similar-constraints', [21]],
      ['management-approval', []],
    ]);
  });

  it('has references 17-21 as data, with full citations and urls', () => {
    const refs = guidance.document.references;
    expect(refs.map((r) => r.number)).toEqual([17, 18, 19, 20, 21]);
    for (const ref of refs) {
      expect(ref.citation).toMatch(/\. .*\d{4}/);
      expect(ref.url).toMatch(/^https?:\/\//);
    }
    expect(refs[0]!.citation).toMatch(/^Educopia Institute\. Spanning Our Field Boundaries/);
    expect(refs[1]!.note).toBe('Requires YALSA membership.');
    expect(refs[4]!.citation).toMatch(/^Hill, Chrystie, Merrilee Proffitt, and Sharon Streams, eds\. IMLS Focus/);
  });

  it('keeps the case study to its title, saying so, and lists the resources', () => {
    const [study] = guidance.document.caseStudies;
    expect(study!.title).toBe('Chicago Public Library and Adler Planetarium');
    expect(study!.summary).toBeUndefined();
    expect(study!.note).toMatch(/only its title/);
    expect(guidance.document.resources.map((r) => r.url)).toHaveLength(6);
    for (const resource of guidance.document.resources) expect(resource.offers.length).toBeGreaterThan(10);
  });

  it('links only to actions that exist in every bundled version of the framework', () => {
    const frameworks = loadBundledFrameworks();
    expect(guidance.links.length).toBeGreaterThan(0);
    expect(validateGuidanceLinks(guidance, frameworks)).toEqual([]);
    for (const link of guidance.links) {
      expect(link.reason.length).toBeGreaterThan(20);
      for (const fw of frameworks.filter((f) => f.key === link.framework)) {
        expect(fw.nodes.find((n) => n.key === link.nodeKey)?.kind).toBe('ACTION');
      }
    }
    expect(guidance.links.map((l) => l.nodeKey).sort()).toEqual(['3.1.1', '3.1.2', '3.1.3', '3.2.1', '3.2.2', '3.2.3', '3.3.2']);
  });

  it('reports links to actions or frameworks that do not exist', () => {
    const broken = parseGuidance(
      editedGuidance((doc) => {
        doc.links[0].actions = ['3.1.9'];
        doc.links[1].framework = 'no-such-framework';
      }),
    );
    expect(validateGuidanceLinks(broken, loadBundledFrameworks())).toEqual([
      'informal-learning-institutions: 3.1.9 is not an action of inspiring-learning-partnerships@1.0.0',
      'informal-learning-institutions: no framework "no-such-framework" for 3.1.2',
      'informal-learning-institutions: no framework "no-such-framework" for 3.2.2',
    ]);
  });

  it('rejects inconsistent guidance with the path of each problem', () => {
    const error = thrown(FrameworkFormatError, () =>
      parseGuidance(
        editedGuidance((doc) => {
          doc.opportunities[1].references = [99];
          doc.links[2].about = ['no-such-point'];
          doc.links[3].actions = ['3.2'];
          doc.challenges[0].key = 'new-audiences';
          delete doc.source;
        }),
        'bad-guidance.yaml',
      ),
    );
    expect(error.message).toContain('bad-guidance.yaml');
    expect(error.issues).toEqual([
      'source: required (object)',
      'links[3].actions[0]: not a well-formed ACTION key (like "3.1.1")',
    ]);
    // Cross-checks run once the shape is right.
    const crossChecks = thrown(FrameworkFormatError, () =>
      parseGuidance(
        editedGuidance((doc) => {
          doc.opportunities[1].references = [99];
          doc.links[2].about = ['no-such-point'];
          doc.challenges[0].key = 'new-audiences';
          doc.links[4].actions = ['3.1.1'];
        }),
      ),
    );
    expect(crossChecks.issues).toEqual([
      'challenges[0].key: duplicate key "new-audiences" (first at opportunities[2])',
      'opportunities[1].references[0]: no reference numbered 99',
      'links[2].about[0]: no opportunity or challenge has key "no-such-point"',
      'links[4].actions[0]: 3.1.1 of inspiring-learning-partnerships is already linked',
    ]);
  });
});
