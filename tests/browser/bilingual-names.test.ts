/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import type { CommandPostView } from '@excon/contracts';
import type { Language } from '@excon/domain';
import { createExercise, inject } from '../support/exercises';
import { createCommandPost, createUser, PASSWORD } from '../support/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import { closePages, ensureConsoleBuilt, launchChromium, setLanguage, signIn, type ConsolePage } from './browser-support';

/** A post's bilingual names as the consoles show them: Russian to a user who reads Russian, English to one who reads English. */
describe('command post names in the user language', () => {
  let t: TestPlatform;
  let browser: Browser;
  let post: CommandPostView;
  let exerciseId: string;
  const pages: ConsolePage[] = [];
  const names = { ru: 'Казахстан, МЧС, командный пункт', en: 'Kazakhstan, MES, command post' };

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestPlatform();
    browser = await launchChromium();
    post = await createCommandPost(t, { code: 'KZ-MES', names, memberState: 'KZ', ministry: 'emergency', timeZone: 'Asia/Almaty' });
    const controller = await createUser(t, 'controller');
    exerciseId = (await createExercise(t, controller.token, [inject('N-1', 3600, [post.id])])).exercise.id;
  });
  afterEach(() => closePages(pages));
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  const userIn = async (role: 'operator' | 'controller', language: Language) => {
    const user = await createUser(t, role, role === 'operator' ? post.id : undefined);
    await setLanguage(t, user.token, language);
    return user;
  };

  it.each<[Language, string]>([
    ['ru', names.ru],
    ['en', names.en],
  ])('the operator console names its post in %s', async (language, expected) => {
    const operator = await userIn('operator', language);
    const opened = await signIn(browser, t.url, operator.username, PASSWORD, /#\/operator$/);
    pages.push(opened);
    await opened.page.getByTestId('post-name').filter({ hasText: expected }).waitFor();
    expect(await opened.page.getByTestId('post-name').textContent()).toBe(`KZ-MES · ${expected}`);
    expect(opened.errors).toEqual([]);
  });

  it.each<[Language, string]>([
    ['ru', names.ru],
    ['en', names.en],
  ])('the controller console names the post of the delivery matrix in %s', async (language, expected) => {
    const controller = await userIn('controller', language);
    const opened = await signIn(browser, t.url, controller.username, PASSWORD, /#\/controller$/);
    pages.push(opened);
    await opened.page.goto(`/#/controller/exercises/${exerciseId}`);
    const column = opened.page.locator('th.post-col abbr', { hasText: 'KZ-MES' });
    await column.waitFor();
    expect(await column.getAttribute('title')).toBe(expected);
    expect(opened.errors).toEqual([]);
  });
});
