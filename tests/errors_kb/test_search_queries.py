"""Search finds the right entry for queries written the way people describe their problem.

Each query names the entries that answer it; the right one must be among the
first three results for at least 90% of each language's queries. The queries
are not copied from the guide's search terms: they are what people type.
"""

import pytest

from errors_kb.selectors import entry_search

QUOTA, RATE, TIMEOUT, CONNECT = "429-quota-exceeded", "429-rate-limit", "timeout", "connection-error"

QUERIES = {
    "en": [
        ("you exceeded your current quota", {QUOTA}),
        ("quota exceded", {QUOTA}),
        ("ran out of credits openai", {QUOTA}),
        ("billing hard limit reached", {QUOTA}),
        ("free trial credits expired", {QUOTA}),
        ("insufficient_quota", {QUOTA}),
        ("too many requests 429", {RATE, "429-concurrent-limit"}),
        ("rate limit reached for requests per min", {RATE}),
        ("tokens per minute limit", {RATE}),
        ("rate limt", {RATE}),
        ("request timed out", {TIMEOUT, "openai-apitimeouterror"}),
        ("read timeout after 600 seconds", {TIMEOUT, "openai-apitimeouterror"}),
        ("APITimeoutError", {"openai-apitimeouterror", TIMEOUT}),
        ("connection refused", {CONNECT, "openai-apiconnectionerror"}),
        ("SSL certificate verify failed", {CONNECT, "openai-apiconnectionerror"}),
        ("cannot connect to api.openai.com", {CONNECT, "openai-apiconnectionerror"}),
        ("incorrect api key provided", {"401-incorrect-api-key"}),
        ("invalid api key", {"401-incorrect-api-key", "401-invalid-authentication"}),
        ("api key expired", {"401-expired-api-key"}),
        ("key was revoked", {"401-revoked-api-key"}),
        ("no api key provided", {"401-invalid-authentication"}),
        ("country region territory not supported", {"403-unsupported-region"}),
        ("openai blocked in my country", {"403-unsupported-region"}),
        ("permission denied for model", {"403-permission-denied", "openai-permissiondeniederror"}),
        ("maximum context length is 8192 tokens", {"400-context-length-exceeded"}),
        ("prompt too long", {"400-context-length-exceeded"}),
        ("model does not exist", {"404-model-not-found"}),
        ("the model gpt-5 does not exist or you do not have access", {"404-model-not-found"}),
        ("internal server error", {"500-server-error", "openai-internalservererror"}),
        ("bad gateway cloudflare", {"502-bad-gateway"}),
        ("engine overloaded", {"503-engine-overloaded"}),
        ("server is overloaded with other requests", {"503-engine-overloaded"}),
        ("service unavailable", {"503-service-unavailable", "openai-error-serviceunavailableerror"}),
        ("gateway timeout 504", {"504-gateway-timeout"}),
        ("content filter blocked my prompt", {"content-filtered"}),
        ("openai.ChatCompletion is no longer supported", {"api-removed-in-v1"}),
        ("unexpected keyword argument proxies", {"client-proxies-typeerror"}),
        ("organization must be verified", {"organization-unverified"}),
        ("missing required parameter messages", {"400-missing-required-field"}),
        ("how to retry with exponential backoff", {"handling-errors-in-code", RATE}),
        ("too many concurrent requests", {"429-concurrent-limit"}),
        ("RateLimitError", {"openai-ratelimiterror"}),
    ],
    "zh-hans": [
        ("余额不足", {QUOTA}),
        ("欠费", {QUOTA}),
        ("额度用完了", {QUOTA}),
        ("我的额度用完了怎么办", {QUOTA}),
        ("免费额度用完", {QUOTA}),
        ("账户没钱了调用失败", {QUOTA}),
        ("报错 insufficient_quota", {QUOTA}),
        ("需要绑定信用卡吗", {QUOTA}),
        ("请求太频繁", {RATE}),
        ("请求过于频繁被限流", {RATE}),
        ("429 限流", {RATE, "openai-ratelimiterror"}),
        ("每分钟请求数超了", {RATE}),
        ("TPM 超限", {RATE}),
        ("并发太多", {"429-concurrent-limit"}),
        ("连接不上", {CONNECT, "openai-apiconnectionerror"}),
        ("连不上 api.openai.com", {CONNECT, "openai-apiconnectionerror"}),
        ("代理连接失败", {CONNECT, "openai-apiconnectionerror"}),
        ("SSL 错误", {CONNECT}),
        ("请求超时", {TIMEOUT, "openai-apitimeouterror", "openai-error-timeout"}),
        ("一直没有响应 超时", {TIMEOUT, "openai-apitimeouterror"}),
        ("API key 不对", {"401-incorrect-api-key"}),
        ("key 填错了", {"401-incorrect-api-key"}),
        ("密钥过期", {"401-expired-api-key"}),
        ("key 被撤销了", {"401-revoked-api-key"}),
        ("没有提供 API key", {"401-invalid-authentication"}),
        ("国内用不了 地区不支持", {"403-unsupported-region"}),
        ("没有权限访问模型", {"403-permission-denied", "openai-permissiondeniederror"}),
        ("上下文太长", {"400-context-length-exceeded"}),
        ("token 超了", {"400-context-length-exceeded"}),
        ("模型不存在", {"404-model-not-found"}),
        ("服务器内部错误", {"500-server-error", "openai-internalservererror"}),
        ("网关错误 502", {"502-bad-gateway"}),
        ("模型过载 服务器繁忙", {"503-engine-overloaded"}),
        ("服务不可用", {"503-service-unavailable", "openai-error-serviceunavailableerror"}),
        ("网关超时", {"504-gateway-timeout"}),
        ("内容被拦截 违规", {"content-filtered"}),
        ("openai.ChatCompletion 不支持了", {"api-removed-in-v1"}),
        ("proxies 参数报错", {"client-proxies-typeerror"}),
        ("组织需要验证", {"organization-unverified"}),
        ("缺少参数 messages", {"400-missing-required-field"}),
        ("RateLimitError 怎么处理", {"openai-ratelimiterror", RATE, QUOTA}),
        ("如何重试 指数退避", {"handling-errors-in-code"}),
    ],
    "ko": [
        ("잔액 부족", {QUOTA}),
        ("크레딧 다 씀", {QUOTA}),
        ("할당량 초과", {QUOTA}),
        ("무료 크레딧 끝남", {QUOTA}),
        ("결제 카드 등록 필요", {QUOTA}),
        ("insufficient_quota 오류", {QUOTA}),
        ("요청이 너무 많음", {RATE, "429-concurrent-limit"}),
        ("속도 제한 걸림", {RATE}),
        ("분당 요청 수 초과", {RATE}),
        ("429 에러 too many requests", {RATE, "429-concurrent-limit", "openai-ratelimiterror"}),
        ("동시 요청 너무 많음", {"429-concurrent-limit"}),
        ("시간 초과", {TIMEOUT, "openai-apitimeouterror", "openai-error-timeout"}),
        ("요청 시간 초과", {TIMEOUT, "openai-apitimeouterror"}),
        ("타임아웃 늘리기", {TIMEOUT, "openai-apitimeouterror"}),
        ("응답이 너무 오래 걸림", {TIMEOUT}),
        ("연결 안 됨", {CONNECT, "openai-apiconnectionerror"}),
        ("연결 실패 프록시", {CONNECT, "openai-apiconnectionerror"}),
        ("SSL 오류", {CONNECT}),
        ("APIConnectionError 해결", {"openai-apiconnectionerror", CONNECT}),
        ("API 키가 틀림", {"401-incorrect-api-key"}),
        ("잘못된 API 키", {"401-incorrect-api-key"}),
        ("키 만료", {"401-expired-api-key"}),
        ("키가 삭제됨", {"401-revoked-api-key"}),
        ("API 키를 안 넣음", {"401-invalid-authentication"}),
        ("지원하지 않는 국가", {"403-unsupported-region"}),
        ("권한 없음 403", {"403-permission-denied", "openai-permissiondeniederror"}),
        ("토큰 초과", {"400-context-length-exceeded"}),
        ("입력이 너무 김", {"400-context-length-exceeded"}),
        ("모델을 찾을 수 없음", {"404-model-not-found"}),
        ("모델 이름 오타", {"404-model-not-found"}),
        ("서버 오류 500", {"500-server-error", "openai-internalservererror"}),
        ("게이트웨이 오류", {"502-bad-gateway"}),
        ("모델 과부하", {"503-engine-overloaded"}),
        ("서비스 이용 불가", {"503-service-unavailable", "openai-error-serviceunavailableerror"}),
        ("게이트웨이 타임아웃", {"504-gateway-timeout"}),
        ("콘텐츠 필터 차단", {"content-filtered"}),
        ("옛 코드 openai.ChatCompletion 안 됨", {"api-removed-in-v1"}),
        ("proxies 인자 오류", {"client-proxies-typeerror"}),
        ("조직 인증 필요", {"organization-unverified"}),
        ("필수 파라미터 누락", {"400-missing-required-field"}),
        ("재시도 지수 백오프", {"handling-errors-in-code"}),
        ("RateLimitError 처리", {"openai-ratelimiterror", RATE, QUOTA}),
    ],
}


def top_three_share(queries):
    misses = []
    for query, right in queries:
        first = [entry.slug for entry in entry_search(query=query)][:3]
        if not right & set(first):
            misses.append((query, first))
    return 1 - len(misses) / len(queries), misses


@pytest.mark.parametrize("language", sorted(QUERIES))
def test_the_right_entry_is_in_the_first_three_for_nine_queries_in_ten(shipped_guide, language):
    queries = QUERIES[language]
    assert len(queries) >= 40
    share, misses = top_three_share(queries)
    print(f"{language}: {share:.0%} right in the first three")
    assert share >= 0.9, misses
