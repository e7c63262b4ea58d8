import { mselProblems, problemsOfInject, type MselDraft } from './msel-rules';

const posts = new Set(['p1', 'p2']);

function draft(overrides: Partial<MselDraft> = {}): MselDraft {
  return {
    objectives: [{ ref: 'O1' }],
    injects: [
      { ref: 'A', targets: ['p1'], objectiveRefs: ['O1'], contingencyRef: 'C' },
      { ref: 'C', targets: ['p2'], contingency: true },
    ],
    ...overrides,
  };
}

describe('mselProblems', () => {
  it('accepts a consistent MSEL', () => {
    expect(mselProblems(draft(), posts)).toEqual([]);
  });

  it('accepts an inject that targets only post groups, and names unknown or repeated groups', () => {
    const groups = new Set(['g1']);
    expect(mselProblems(draft({ objectives: [], injects: [{ ref: 'A', targets: [], targetGroups: ['g1'] }] }), posts, groups)).toEqual([]);
    expect(mselProblems(draft({ objectives: [], injects: [{ ref: 'A', targets: ['p1'], targetGroups: ['g1', 'g9'] }] }), posts, groups)).toEqual([
      { field: 'injects[0].targetGroups', message: 'names no post group (g9)' },
    ]);
    expect(mselProblems(draft({ objectives: [], injects: [{ ref: 'A', targets: [], targetGroups: ['g1', 'g1'] }] }), posts, groups)).toEqual([
      { field: 'injects[0].targetGroups', message: 'names the same post group twice' },
    ]);
  });

  it('needs at least one target post or group', () => {
    expect(mselProblems(draft({ objectives: [], injects: [{ ref: 'A', targets: [], targetGroups: [] }] }), posts)).toEqual([
      { field: 'injects[0].targets', message: 'must name at least one command post or post group' },
    ]);
  });

  it('names the duplicate ref, the unknown and repeated targets, the unknown objective', () => {
    const problems = mselProblems(
      draft({
        objectives: [{ ref: 'O1' }, { ref: 'O1' }],
        injects: [
          { ref: 'A', targets: ['p1', 'nope', 'p1'], objectiveRefs: ['O9'] },
          { ref: 'A', targets: ['p2'] },
        ],
      }),
      posts,
    );
    expect(problems.map((p) => p.field)).toEqual([
      'objectives[1].ref',
      'injects[1].ref',
      'injects[0].targets[1]',
      'injects[0].targets[2]',
      'injects[0].objectiveRefs[0]',
    ]);
  });

  it('refuses a contingency ref that is unknown, itself, or not a contingency inject', () => {
    const fields = (injects: MselDraft['injects']) => mselProblems({ objectives: [], injects }, posts).map((p) => p.message);
    expect(fields([{ ref: 'A', targets: ['p1'], contingencyRef: 'Z' }])[0]).toMatch(/names no inject/);
    expect(fields([{ ref: 'A', targets: ['p1'], contingencyRef: 'A', contingency: true }])[0]).toMatch(/itself/);
    expect(
      fields([
        { ref: 'A', targets: ['p1'], contingencyRef: 'B' },
        { ref: 'B', targets: ['p1'] },
      ])[0],
    ).toMatch(/not marked/);
  });
});

describe('problemsOfInject', () => {
  it('strips the prefix of the inject being edited only', () => {
    expect(
      problemsOfInject(
        [
          { field: 'injects[1].ref', message: 'x' },
          { field: 'injects[0].contingencyRef', message: 'y' },
        ],
        1,
      ),
    ).toEqual([
      { field: 'ref', message: 'x' },
      { field: 'injects[0].contingencyRef', message: 'y' },
    ]);
  });
});
