import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  accessDenied,
  bothAuthMethods,
  errorMessageKey,
  incompleteSignatureHeader,
  incompleteSignatureQuery,
  internalFailure,
  missingAuthenticationToken,
  requestEntityTooLarge,
  serializationException,
  typeMismatchMessage,
  unknownOperation,
  validationException,
  violationMessage,
} from './common-errors.js';

describe('common AWS errors', () => {
  test('ValidationException counts and lists at most 10 violations', () => {
    assert.equal(validationException(['a']).message, '1 validation error detected: a');
    const many = Array.from({ length: 12 }, (_, i) => `v${i}`);
    assert.equal(validationException(many).message, `10 validation errors detected: ${many.slice(0, 10).join('; ')}`);
    assert.equal(validationException(['a']).type, 'ValidationException');
  });

  test('violations quote values but not null', () => {
    assert.equal(violationMessage(null, 'a.b', 'Member must not be null'), "Value null at 'a.b' failed to satisfy constraint: Member must not be null");
    assert.equal(violationMessage('x', 'c', 'C'), "Value 'x' at 'c' failed to satisfy constraint: C");
  });

  test('SerializationException carries its message under Message', () => {
    assert.equal(errorMessageKey(serializationException('m')), 'Message');
    assert.equal(errorMessageKey(unknownOperation()), 'message');
    assert.equal(serializationException().hasMessage, false);
  });

  test('type mismatch texts', () => {
    assert.equal(typeMismatchMessage('string', 'Long'), 'class java.lang.String can not be converted to an Long');
    assert.equal(typeMismatchMessage('boolean', 'Timestamp'), 'class java.lang.Boolean can not be converted to milliseconds since epoch');
    assert.equal(typeMismatchMessage('number', 'Map'), 'Expected map or null');
  });

  test('protocol and auth errors have AWS status codes and wording', () => {
    assert.deepEqual([internalFailure().type, internalFailure().statusCode, internalFailure().hasMessage], ['InternalFailure', 500, false]);
    assert.deepEqual([unknownOperation().statusCode, unknownOperation().hasMessage], [400, false]);
    assert.equal(missingAuthenticationToken().message, 'Missing Authentication Token');
    assert.equal(bothAuthMethods().type, 'InvalidSignatureException');
    assert.equal(accessDenied().statusCode, 403);
    assert.equal(requestEntityTooLarge().statusCode, 413);
    assert.equal(
      incompleteSignatureHeader(['Signature'], true, 'AWS4-HMAC-SHA256 Credential=a').message,
      "Authorization header requires 'Signature' parameter. Authorization header requires existence of either a " +
        "'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256 Credential=a",
    );
    assert.equal(
      incompleteSignatureQuery(['X-Amz-Date']).message,
      "AWS query-string parameters must include 'X-Amz-Date'. Re-examine the query-string parameters.",
    );
  });
});
