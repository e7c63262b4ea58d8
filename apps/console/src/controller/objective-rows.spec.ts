import { moveItem, objectiveOf } from './objective-rows';

describe('objectiveOf', () => {
  it('trims, drops empty tasks and leaves empty fields out', () => {
    expect(objectiveOf({ key: 1, ref: ' O1 ', title: ' Alert ', capabilityTarget: '  ', tasks: [{ key: 2, text: ' ' }] })).toEqual({
      ref: 'O1',
      title: 'Alert',
    });
    expect(
      objectiveOf({
        key: 1,
        ref: 'O1',
        title: 'Alert',
        capabilityTarget: ' In 15 min ',
        tasks: [
          { key: 2, text: ' Call ' },
          { key: 3, text: '' },
          { key: 4, text: 'Log' },
        ],
      }),
    ).toEqual({ ref: 'O1', title: 'Alert', capabilityTarget: 'In 15 min', criticalTasks: ['Call', 'Log'] });
  });
});

describe('moveItem', () => {
  it('moves an item up and down, clamped at the ends', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    const list = ['a', 'b'];
    expect(moveItem(list, 0, -1)).toBe(list);
    expect(moveItem(list, 1, 5)).toBe(list);
  });
});
