import { isUuid } from '.';

describe('isUuid', () => {
  it('takes a UUID in either case and nothing else', () => {
    expect(isUuid('0b8e5c2a-4f1d-4c3e-9a7b-2d6f8e1c0a93')).toBe(true);
    expect(isUuid('0B8E5C2A-4F1D-4C3E-9A7B-2D6F8E1C0A93')).toBe(true);
    for (const value of ['', 'not-a-uuid', '0b8e5c2a4f1d4c3e9a7b2d6f8e1c0a93', ' 0b8e5c2a-4f1d-4c3e-9a7b-2d6f8e1c0a93', '0b8e5c2a-4f1d-4c3e-9a7b-2d6f8e1c0a93\n', "x' or '1'='1"]) {
      expect(isUuid(value)).toBe(false);
    }
  });
});
