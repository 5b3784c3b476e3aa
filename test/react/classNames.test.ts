// @vitest-environment node
import { classNamesOf } from '../../src/react/classNames';

type Part = 'root' | 'heading' | 'message';

describe('classNamesOf', () => {
  it('gives the stylesheet hook: the root class on the root, {prefix}-{part} on the others', () => {
    const className = classNamesOf<Part>('rcf', 'rcf', undefined, undefined);
    expect(className('root')).toBe('rcf');
    expect(className('heading')).toBe('rcf-heading');
  });

  it("adds the app's own class names after the hook", () => {
    const className = classNamesOf<Part>(
      'rcf',
      'rcf',
      { root: 'card', heading: 'title big' },
      false,
    );
    expect(className('root')).toBe('rcf card');
    expect(className('heading')).toBe('rcf-heading title big');
    expect(className('message')).toBe('rcf-message');
  });

  it("unstyled leaves out the hooks and keeps the app's; nothing at all is no attribute", () => {
    const className = classNamesOf<Part>('rcf', 'rcf', { heading: 'title' }, true);
    expect(className('heading')).toBe('title');
    expect(className('root')).toBeUndefined();
    expect(className('message')).toBeUndefined();
  });

  it('an empty app class name adds nothing', () => {
    const className = classNamesOf<Part>('rcf', 'rcf', { heading: '' }, false);
    expect(className('heading')).toBe('rcf-heading');
    expect(classNamesOf<Part>('rcf', 'rcf', { heading: '' }, true)('heading')).toBeUndefined();
  });

  it('a root with several classes and its own part prefix (ExportStatus)', () => {
    const className = classNamesOf<'root' | 'summary'>(
      'rcf rcf-export',
      'rcf-export',
      undefined,
      false,
    );
    expect(className('root')).toBe('rcf rcf-export');
    expect(className('summary')).toBe('rcf-export-summary');
  });
});
