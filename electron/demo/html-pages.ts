/**
 * Pages a client meets when something sits between it and Bitbucket: an SSO proxy that wants a
 * browser login, or a load balancer with no healthy node. Clients must recognise both as "not JSON".
 */
export function loginPage(baseUrl: string, path: string): string {
  const next = encodeURIComponent(path);
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="application-name" content="Bitbucket">
  <title>Log in - Bitbucket</title>
  <link rel="shortcut icon" href="${baseUrl}/s/en_US/favicon.ico">
</head>
<body class="aui-page-focused aui-page-size-medium login-page">
  <div id="page">
    <header id="header" role="banner"><a class="logo" href="${baseUrl}/">Bitbucket</a></header>
    <section id="content" role="main">
      <div class="aui-page-panel">
        <h2>Log in</h2>
        <form id="j-login-form" class="aui" action="${baseUrl}/j_atl_security_check" method="post">
          <input type="hidden" name="next" value="${next}">
          <div class="field-group">
            <label for="j_username">Username</label>
            <input class="text" type="text" id="j_username" name="j_username" autofocus>
          </div>
          <div class="field-group">
            <label for="j_password">Password</label>
            <input class="password" type="password" id="j_password" name="j_password">
          </div>
          <div class="buttons-container"><input class="aui-button aui-button-primary" type="submit" id="submit" value="Log in"></div>
          <a href="${baseUrl}/plugins/servlet/saml/auth">Continue with single sign-on</a>
        </form>
      </div>
    </section>
  </div>
</body>
</html>
`;
}

export const SERVICE_UNAVAILABLE_PAGE = `<html><head><title>503 Service Unavailable</title></head>
<body><h1>Service Unavailable</h1>
<p>No server is available to handle this request.</p>
</body></html>
`;
