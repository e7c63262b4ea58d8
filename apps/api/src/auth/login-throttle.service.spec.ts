import { DomainError } from '@excon/domain';
import { LOGIN_THROTTLE, LoginThrottleService } from './login-throttle.service';

describe('LoginThrottleService', () => {
  it('refuses a username after repeated failures, whatever the address, until the window passes', () => {
    const throttle = new LoginThrottleService();
    for (let i = 0; i < LOGIN_THROTTLE.perUsername; i++) {
      throttle.assertAllowed('Ops', `10.0.0.${i}`, 1000);
      throttle.recordFailure('Ops', `10.0.0.${i}`, 1000);
    }
    expect(() => throttle.assertAllowed('ops', '10.9.9.9', 2000)).toThrow(DomainError);
    expect(() => throttle.assertAllowed('other', '10.9.9.9', 2000)).not.toThrow();
    expect(() => throttle.assertAllowed('ops', '10.9.9.9', 2000 + LOGIN_THROTTLE.windowMs)).not.toThrow();
  });

  it('refuses an address that tries many usernames', () => {
    const throttle = new LoginThrottleService();
    for (let i = 0; i < LOGIN_THROTTLE.perAddress; i++) throttle.recordFailure(`user${i}`, '10.1.1.1', 0);
    expect(() => throttle.assertAllowed('fresh', '10.1.1.1', 1)).toThrow(/Too many failed logins/);
    expect(() => throttle.assertAllowed('fresh', '10.1.1.2', 1)).not.toThrow();
  });

  it('forgets a username failure count after a successful login', () => {
    const throttle = new LoginThrottleService();
    for (let i = 0; i < LOGIN_THROTTLE.perUsername - 1; i++) throttle.recordFailure('ops', 'a', 0);
    throttle.recordSuccess('ops');
    throttle.recordFailure('ops', 'a', 0);
    expect(() => throttle.assertAllowed('ops', 'b', 0)).not.toThrow();
  });
});
