import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';

const meta: Meta = { title: 'Setup/Smoke' };
export default meta;

export const Renders: StoryObj = {
  render: () => <h1>Storybook works</h1>,
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('heading')).toHaveTextContent('Storybook works');
  },
};
