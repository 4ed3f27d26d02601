#!/usr/bin/env python3
"""Generates precedence.json: for each setting goto3's Session resolves, every
source alone and every pair of sources, and what the installed botocore
resolves for the same environment, config file, credentials file and
options. session_test.go (TestPrecedenceMatchesBotocore) replays each case
through goto3.NewSession and compares.

A source is one place a value can come from: a session/client option, an
environment variable, a key of the profile in the config file (or the
credentials file), a nested s3 key, a [services] section. Boolean settings
have a "true" and a "false" variant of each source so that precedence is
visible. AWS_REGION is a source goto3 reads and botocore does not; the
expectation records botocore's answer and the Go test states the deviation.

The "credentials" setting records which provider of botocore's default
chain wins (method and access key id) for static keys in the environment,
the credentials file and the config file, with and without a profile
chosen by option or AWS_PROFILE.

Run: python3 gen_precedence.py   (writes precedence.json next to it)
"""
import itertools
import json
import os
import tempfile

import botocore
import botocore.session
from botocore.config import Config
from botocore.utils import ensure_boolean

HERE = os.path.dirname(os.path.abspath(__file__))


def new_case():
    return {'env': {}, 'profile': {}, 'profile_s3': {}, 'creds_profile': {},
            'services': {}, 'options': {}, 'extra_config': ''}


# Each source: name -> function(case) that sets it.
def opt(key, val):
    return lambda c: c['options'].__setitem__(key, val)


def env(key, val):
    return lambda c: c['env'].__setitem__(key, val)


def prof(key, val):
    return lambda c: c['profile'].__setitem__(key, val)


def prof_s3(key, val):
    return lambda c: c['profile_s3'].__setitem__(key, val)


def creds(key, val):
    return lambda c: c['creds_profile'].__setitem__(key, val)


def services(svc, val):
    def f(c):
        c['profile']['services'] = 'local'
        c['services'][svc] = val
    return f


SETTINGS = {
    'region': {
        'option:region': opt('region', 'opt-region-1'),
        'env:AWS_REGION': env('AWS_REGION', 'aws-region-1'),
        'env:AWS_DEFAULT_REGION': env('AWS_DEFAULT_REGION', 'default-region-1'),
        'config:region': prof('region', 'profile-region-1'),
        'credentials:region': creds('region', 'creds-region-1'),
    },
    'profile': {
        'option:profile': opt('profile', 'p-option'),
        'env:AWS_PROFILE': env('AWS_PROFILE', 'p-aws-profile'),
        'env:AWS_DEFAULT_PROFILE': env('AWS_DEFAULT_PROFILE', 'p-aws-default-profile'),
    },
    'endpoint_url:S3': {
        'option:endpoint_url': opt('endpoint_url', 'https://option.example'),
        'env:AWS_ENDPOINT_URL_S3': env('AWS_ENDPOINT_URL_S3', 'https://env-s3.example'),
        'env:AWS_ENDPOINT_URL_EC2': env('AWS_ENDPOINT_URL_EC2', 'https://env-ec2.example'),
        'env:AWS_ENDPOINT_URL': env('AWS_ENDPOINT_URL', 'https://env-global.example'),
        'services:s3': services('s3', 'https://services-s3.example'),
        'config:endpoint_url': prof('endpoint_url', 'https://profile.example'),
        'env:AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true': env('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', 'true'),
        'config:ignore_configured_endpoint_urls=true': prof('ignore_configured_endpoint_urls', 'true'),
        'env:AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=false': env('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', 'false'),
    },
    'endpoint_url:EC2': {
        'env:AWS_ENDPOINT_URL_EC2': env('AWS_ENDPOINT_URL_EC2', 'https://env-ec2.example'),
        'env:AWS_ENDPOINT_URL_S3': env('AWS_ENDPOINT_URL_S3', 'https://env-s3.example'),
        'env:AWS_ENDPOINT_URL': env('AWS_ENDPOINT_URL', 'https://env-global.example'),
        'services:ec2': services('ec2', 'https://services-ec2.example'),
        'services:s3': services('s3', 'https://services-s3.example'),
        'config:endpoint_url': prof('endpoint_url', 'https://profile.example'),
        'config:ignore_configured_endpoint_urls=true': prof('ignore_configured_endpoint_urls', 'true'),
    },
    'credentials': {
        'env:AWS_ACCESS_KEY_ID': lambda c: c['env'].update(AWS_ACCESS_KEY_ID='AKIDENV', AWS_SECRET_ACCESS_KEY='env-secret'),
        'credentials:aws_access_key_id': lambda c: c['creds_profile'].update(aws_access_key_id='AKIDCREDS', aws_secret_access_key='creds-secret'),
        'config:aws_access_key_id': lambda c: c['profile'].update(aws_access_key_id='AKIDCONFIG', aws_secret_access_key='config-secret'),
        'option:profile': opt('profile', 'p-option'),
        'env:AWS_PROFILE': env('AWS_PROFILE', 'p-aws-profile'),
    },
    'retry_mode': {
        'option:retry_mode': opt('retry_mode', 'adaptive'),
        'env:AWS_RETRY_MODE': env('AWS_RETRY_MODE', 'standard'),
        'config:retry_mode': prof('retry_mode', 'legacy'),
    },
    'max_attempts': {
        'option:max_attempts': opt('max_attempts', 7),
        'env:AWS_MAX_ATTEMPTS': env('AWS_MAX_ATTEMPTS', '5'),
        'config:max_attempts': prof('max_attempts', '3'),
    },
    'use_fips_endpoint': {
        'env:AWS_USE_FIPS_ENDPOINT=true': env('AWS_USE_FIPS_ENDPOINT', 'true'),
        'env:AWS_USE_FIPS_ENDPOINT=false': env('AWS_USE_FIPS_ENDPOINT', 'false'),
        'config:use_fips_endpoint=TRUE': prof('use_fips_endpoint', 'TRUE'),
        'config:use_fips_endpoint=false': prof('use_fips_endpoint', 'false'),
    },
    'use_dualstack_endpoint': {
        'env:AWS_USE_DUALSTACK_ENDPOINT=true': env('AWS_USE_DUALSTACK_ENDPOINT', 'true'),
        'env:AWS_USE_DUALSTACK_ENDPOINT=false': env('AWS_USE_DUALSTACK_ENDPOINT', 'false'),
        'config:use_dualstack_endpoint=true': prof('use_dualstack_endpoint', 'true'),
        'config:use_dualstack_endpoint=false': prof('use_dualstack_endpoint', 'false'),
    },
    's3.use_dualstack_endpoint': {
        'env:AWS_USE_DUALSTACK_ENDPOINT=true': env('AWS_USE_DUALSTACK_ENDPOINT', 'true'),
        'env:AWS_USE_DUALSTACK_ENDPOINT=false': env('AWS_USE_DUALSTACK_ENDPOINT', 'false'),
        'config:use_dualstack_endpoint=true': prof('use_dualstack_endpoint', 'true'),
        'config:s3.use_dualstack_endpoint=true': prof_s3('use_dualstack_endpoint', 'true'),
        'config:s3.use_dualstack_endpoint=false': prof_s3('use_dualstack_endpoint', 'false'),
    },
    's3.addressing_style': {
        'config:s3.addressing_style=path': prof_s3('addressing_style', 'path'),
        'config:s3.addressing_style=virtual': prof_s3('addressing_style', 'virtual'),
    },
    's3.use_accelerate_endpoint': {
        'config:s3.use_accelerate_endpoint=true': prof_s3('use_accelerate_endpoint', 'true'),
        'config:s3.use_accelerate_endpoint=false': prof_s3('use_accelerate_endpoint', 'false'),
    },
    'request_checksum_calculation': {
        'env:AWS_REQUEST_CHECKSUM_CALCULATION=WHEN_REQUIRED': env('AWS_REQUEST_CHECKSUM_CALCULATION', 'WHEN_REQUIRED'),
        'env:AWS_REQUEST_CHECKSUM_CALCULATION=when_supported': env('AWS_REQUEST_CHECKSUM_CALCULATION', 'when_supported'),
        'config:request_checksum_calculation=when_required': prof('request_checksum_calculation', 'when_required'),
        'config:request_checksum_calculation=When_Supported': prof('request_checksum_calculation', 'When_Supported'),
    },
    'response_checksum_validation': {
        'env:AWS_RESPONSE_CHECKSUM_VALIDATION=when_required': env('AWS_RESPONSE_CHECKSUM_VALIDATION', 'when_required'),
        'env:AWS_RESPONSE_CHECKSUM_VALIDATION=WHEN_SUPPORTED': env('AWS_RESPONSE_CHECKSUM_VALIDATION', 'WHEN_SUPPORTED'),
        'config:response_checksum_validation=when_required': prof('response_checksum_validation', 'when_required'),
        'config:response_checksum_validation=when_supported': prof('response_checksum_validation', 'when_supported'),
    },
    'request_min_compression_size_bytes': {
        'env:AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES': env('AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES', '2048'),
        'config:request_min_compression_size_bytes': prof('request_min_compression_size_bytes', '4096'),
    },
    'disable_request_compression': {
        'env:AWS_DISABLE_REQUEST_COMPRESSION=true': env('AWS_DISABLE_REQUEST_COMPRESSION', 'true'),
        'env:AWS_DISABLE_REQUEST_COMPRESSION=false': env('AWS_DISABLE_REQUEST_COMPRESSION', 'false'),
        'config:disable_request_compression=True': prof('disable_request_compression', 'True'),
        'config:disable_request_compression=false': prof('disable_request_compression', 'false'),
    },
    's3.us_east_1_regional_endpoint': {
        'env:AWS_S3_US_EAST_1_REGIONAL_ENDPOINT=regional': env('AWS_S3_US_EAST_1_REGIONAL_ENDPOINT', 'regional'),
        'env:AWS_S3_US_EAST_1_REGIONAL_ENDPOINT=legacy': env('AWS_S3_US_EAST_1_REGIONAL_ENDPOINT', 'legacy'),
        'config:s3_us_east_1_regional_endpoint=regional': prof('s3_us_east_1_regional_endpoint', 'regional'),
        'config:s3.us_east_1_regional_endpoint=regional': prof_s3('us_east_1_regional_endpoint', 'regional'),
        'config:s3.us_east_1_regional_endpoint=legacy': prof_s3('us_east_1_regional_endpoint', 'legacy'),
    },
}

PROFILES_FOR_PROFILE_SETTING = ['p-option', 'p-aws-profile', 'p-aws-default-profile']


def kind(source_name):
    # Two variants of the same source (x=true / x=false) are not a pair.
    return source_name.split('=')[0]


def render(case):
    prof_name = 'default'
    lines = []
    body = [f'{k} = {v}' for k, v in sorted(case['profile'].items())]
    if case['profile_s3']:
        body.append('s3 =')
        body += [f'  {k} = {v}' for k, v in sorted(case['profile_s3'].items())]
    lines.append(f'[{prof_name}]')
    lines += body
    for p in PROFILES_FOR_PROFILE_SETTING:
        lines.append(f'[profile {p}]')
        lines.append(f'region = region-of-{p}')
        lines.append(f'aws_access_key_id = AKID-{p}')
        lines.append(f'aws_secret_access_key = secret-{p}')
    if case['services']:
        lines.append('[services local]')
        for svc, url in sorted(case['services'].items()):
            lines.append(f'{svc} =')
            lines.append(f'  endpoint_url = {url}')
    config = '\n'.join(lines) + '\n'
    credentials = ''
    if case['creds_profile']:
        credentials = '[default]\n' + ''.join(f'{k} = {v}\n' for k, v in sorted(case['creds_profile'].items()))
    return config, credentials


def resolve(setting, case, config, credentials, tmp):
    for k in list(os.environ):
        if k.startswith('AWS_') or k.startswith('BOTO'):
            del os.environ[k]
    cfg = os.path.join(tmp, 'config')
    crd = os.path.join(tmp, 'credentials')
    with open(cfg, 'w') as f:
        f.write(config)
    with open(crd, 'w') as f:
        f.write(credentials)
    os.environ.update(case['env'])
    os.environ['AWS_CONFIG_FILE'] = cfg
    os.environ['AWS_SHARED_CREDENTIALS_FILE'] = crd
    o = case['options']
    s = botocore.session.Session(profile=o.get('profile'))
    if 'region' in o:
        s.set_config_variable('region', o['region'])

    def client(service, region='us-east-1', **kw):
        retries = {}
        if 'retry_mode' in o:
            retries['mode'] = o['retry_mode']
        if 'max_attempts' in o:
            retries['total_max_attempts'] = o['max_attempts']
        return s.create_client(service, region_name=region, endpoint_url=o.get('endpoint_url'),
                               aws_access_key_id='AKID', aws_secret_access_key='SECRET',
                               config=Config(retries=retries or None), **kw)

    if setting == 'region':
        return s.get_config_variable('region') or ''
    if setting == 'credentials':
        c = s.get_credentials()
        return f'{c.method}:{c.access_key}' if c else 'none'
    if setting == 'profile':
        return s.get_config_variable('profile') or 'default'
    if setting.startswith('endpoint_url:'):
        svc = setting.split(':')[1].lower()
        url = client(svc).meta.endpoint_url
        return '' if url == DEFAULT_URL[svc] else url
    if setting == 'retry_mode':
        return client('s3').meta.config.retries['mode']
    if setting == 'max_attempts':
        return client('s3').meta.config.retries.get('total_max_attempts') or 0
    if setting in ('use_fips_endpoint', 'use_dualstack_endpoint'):
        return bool(ensure_boolean(s.get_config_variable(setting)))
    if setting == 's3.use_dualstack_endpoint':
        return 'dualstack' in client('s3', region='us-west-2').meta.endpoint_url
    if setting == 's3.addressing_style':
        return ((client('s3').meta.config.s3 or {}).get('addressing_style')) or 'auto'
    if setting == 's3.use_accelerate_endpoint':
        return bool(ensure_boolean((client('s3').meta.config.s3 or {}).get('use_accelerate_endpoint')))
    if setting in ('request_checksum_calculation', 'response_checksum_validation'):
        return getattr(client('s3').meta.config, setting)
    if setting in ('request_min_compression_size_bytes', 'disable_request_compression'):
        return getattr(client('s3').meta.config, setting)
    if setting == 's3.us_east_1_regional_endpoint':
        url = client('s3', region='us-east-1').meta.endpoint_url
        return 'legacy' if url == 'https://s3.amazonaws.com' else 'regional'
    raise ValueError(setting)


def main():
    global DEFAULT_URL
    cases = []
    with tempfile.TemporaryDirectory() as tmp:
        DEFAULT_URL = {}
        for svc in ('s3', 'ec2'):
            config, credentials = render(new_case())
            DEFAULT_URL[svc] = None
            c = new_case()
            resolve('region', c, config, credentials, tmp)  # clears the env
            DEFAULT_URL[svc] = botocore.session.Session().create_client(
                svc, region_name='us-east-1', aws_access_key_id='A', aws_secret_access_key='B').meta.endpoint_url
        for setting, sources in SETTINGS.items():
            names = list(sources)
            combos = [()] + [(n,) for n in names] + [
                p for p in itertools.combinations(names, 2) if kind(p[0]) != kind(p[1])]
            for combo in combos:
                case = new_case()
                for n in combo:
                    sources[n](case)
                if setting == 'credentials':
                    # Keep the chain off the network: no instance metadata.
                    case['env']['AWS_EC2_METADATA_DISABLED'] = 'true'
                config, credentials = render(case)
                want = resolve(setting, case, config, credentials, tmp)
                cases.append({
                    'setting': setting,
                    'sources': list(combo),
                    'env': case['env'],
                    'options': case['options'],
                    'config': config,
                    'credentials': credentials,
                    'botocore': want,
                })
    with open(os.path.join(HERE, 'precedence.json'), 'w') as f:
        json.dump({'botocore_version': botocore.__version__, 'cases': cases}, f, indent=1, sort_keys=True)
        f.write('\n')
    print(f'{len(cases)} cases')


if __name__ == '__main__':
    main()
