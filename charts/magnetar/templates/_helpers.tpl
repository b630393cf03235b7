{{/* Names and labels, in one place. */}}
{{- define "magnetar.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "magnetar.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "magnetar.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/*
Every function replica pod, by the labels the controller puts on it (FunctionNames, through ChildMetadata):
managed by Magnetar and naming its function. A test renders this against a replica pod the controller makes.
*/}}
{{- define "magnetar.replicaSelector" -}}
matchLabels:
  app.kubernetes.io/managed-by: magnetar
matchExpressions:
  - key: magnetar.dev/function
    operator: Exists
{{- end -}}

{{- define "magnetar.image" -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .image.repository (default .root.Chart.AppVersion .image.tag) -}}
{{- end -}}

{{/* The restricted Pod Security Standard, for every pod of the chart. */}}
{{- define "magnetar.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.podSecurity.runAsUser }}
runAsGroup: {{ .Values.podSecurity.runAsGroup }}
fsGroup: {{ .Values.podSecurity.fsGroup }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "magnetar.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "magnetar.pulsarEnv" -}}
- name: MAGNETAR_PULSAR_SERVICE_URL
  value: {{ .Values.pulsar.serviceUrl | quote }}
- name: MAGNETAR_PULSAR_ADMIN_URL
  value: {{ .Values.pulsar.adminUrl | quote }}
{{- if .Values.pulsar.auth.tokenSecret.name }}
- name: MAGNETAR_PULSAR_AUTH_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ .Values.pulsar.auth.tokenSecret.name }}
      key: {{ .Values.pulsar.auth.tokenSecret.key }}
{{- end }}
{{- end -}}

{{- define "magnetar.scheduling" -}}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.image.pullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/*
Authentication of the controller's and the gateway's routes. The token key is a Secret mounted as a file
(Pulsar's file:/// form): the one named in auth.tokenPublicKey or auth.tokenSecretKey, else the one the chart makes.
*/}}
{{- define "magnetar.auth.keyDir" -}}/etc/magnetar/token-key{{- end -}}

{{- define "magnetar.auth.generatedKeySecret" -}}{{ include "magnetar.fullname" . }}-token-key{{- end -}}

{{- define "magnetar.auth.keySecret" -}}
{{- if and .Values.auth.tokenSecretKey.secretName .Values.auth.tokenPublicKey.secretName -}}
{{- fail "auth.tokenSecretKey.secretName and auth.tokenPublicKey.secretName are both set: tokens are verified with one key, so set only the one your tokens are signed with" -}}
{{- end -}}
{{- .Values.auth.tokenPublicKey.secretName | default .Values.auth.tokenSecretKey.secretName | default (include "magnetar.auth.generatedKeySecret" .) -}}
{{- end -}}

{{- define "magnetar.authEnv" -}}
{{- if .Values.auth.enabled -}}
- name: MAGNETAR_AUTH_ENABLED
  value: "true"
- name: MAGNETAR_AUTH_SUPERUSER_ROLES
  value: {{ join "," .Values.auth.superuserRoles | quote }}
{{- if .Values.auth.tokenPublicKey.secretName }}
- name: MAGNETAR_AUTH_TOKEN_PUBLIC_KEY
  value: file://{{ include "magnetar.auth.keyDir" . }}/public.key
- name: MAGNETAR_AUTH_TOKEN_PUBLIC_ALG
  value: {{ .Values.auth.tokenPublicAlg | quote }}
{{- else }}
- name: MAGNETAR_AUTH_TOKEN_SECRET_KEY
  value: file://{{ include "magnetar.auth.keyDir" . }}/secret.key
{{- end }}
- name: MAGNETAR_AUTH_TOKEN_AUTH_CLAIM
  value: {{ .Values.auth.tokenAuthClaim | quote }}
- name: MAGNETAR_AUTH_TOKEN_AUDIENCE_CLAIM
  value: {{ .Values.auth.tokenAudienceClaim | quote }}
{{- with .Values.auth.tokenAudience }}
- name: MAGNETAR_AUTH_TOKEN_AUDIENCE
  value: {{ . | quote }}
{{- end }}
{{- else -}}
# Authentication is off: the pods listen beyond loopback only because this says so.
- name: MAGNETAR_AUTH_ENABLED
  value: "false"
- name: MAGNETAR_AUTH_INSECURE_NO_AUTH
  value: "true"
{{- end }}
{{- end -}}

{{- define "magnetar.authVolumeMounts" -}}
{{- if .Values.auth.enabled -}}
- name: token-key
  mountPath: {{ include "magnetar.auth.keyDir" . }}
  readOnly: true
{{- end }}
{{- end -}}

{{- define "magnetar.authVolumes" -}}
{{- if .Values.auth.enabled -}}
- name: token-key
  secret:
    secretName: {{ include "magnetar.auth.keySecret" . }}
    defaultMode: 0440
    items:
      {{- if .Values.auth.tokenPublicKey.secretName }}
      - key: {{ .Values.auth.tokenPublicKey.key }}
        path: public.key
      {{- else }}
      - key: {{ .Values.auth.tokenSecretKey.key }}
        path: secret.key
      {{- end }}
{{- end }}
{{- end -}}

{{/* The Secret holding the key replica access tokens are derived from: the one named, or the one the chart makes. */}}
{{- define "magnetar.replicaAccessSecret" -}}
{{- .Values.auth.replicaAccessKey.secretName | default (printf "%s-replica-access" (include "magnetar.fullname" .)) -}}
{{- end -}}
